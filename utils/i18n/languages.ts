/**
 * The browser's languages, most preferred first: the extension API's UI language (feature-checked:
 * a test page or an old engine may lack it), then the navigator's list. No imports: the popup's
 * first script (a classic file of a few KB) resolves the UI language with it as the modules do.
 */
export function uiLanguages(
  i18n: { getUILanguage?(): string } | undefined,
  nav: { languages?: readonly string[]; language?: string } | undefined,
): string[] {
  const tags: unknown[] = [];
  try {
    const ui = i18n?.getUILanguage?.();
    if (typeof ui === 'string' && ui) tags.push(ui);
  } catch {
    // No i18n API here: the navigator's list below.
  }
  if (nav) tags.push(...(nav.languages ?? []), nav.language);
  return tags.filter((tag): tag is string => typeof tag === 'string' && tag.length > 0);
}
