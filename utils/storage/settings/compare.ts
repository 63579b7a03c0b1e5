/**
 * User settings of the compare page (owner `user`): the models the user pinned. Conventions:
 * ../index.ts.
 */
import { storage } from 'wxt/utils/storage';

/** Models the user pinned (canonical ids), shown on top of the default list. */
export const comparePins = /* @__PURE__ */ storage.defineItem<string[]>('local:comparePins', {
  fallback: [],
  version: 1,
});

/** Pin or unpin a model; returns the new list. */
export async function togglePin(model: string): Promise<string[]> {
  const pins = await comparePins.getValue();
  const next = pins.includes(model) ? pins.filter((p) => p !== model) : [...pins, model];
  await comparePins.setValue(next);
  return next;
}
