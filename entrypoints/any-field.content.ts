import { startAnyField } from '@/utils/any-field/content';

// "Any other page" (opt-in): not in the manifest. The background registers it at runtime for the
// sites the user turned counting on for (utils/any-field/register.ts), and the popup injects it
// into the tab it was turned on in. Without `matches`, WXT adds no host permission for it.
export default defineContentScript({
  registration: 'runtime',
  main(ctx) {
    startAnyField(ctx).catch((error: unknown) => {
      console.warn('[token-meter] text-field counting failed to start', error);
    });
  },
});
