import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LOCALES, loadCatalog } from '@/utils/i18n';

// Every language's strings, as the extension has them once a language is chosen (it loads only
// the one in use: tested in utils/i18n/__tests__/i18n.test.ts), so a test may setLocale at once.
await Promise.all(LOCALES.map(loadCatalog));

beforeEach(() => {
  fakeBrowser.reset();
});
