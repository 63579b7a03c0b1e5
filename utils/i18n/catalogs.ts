/**
 * Every catalog, loaded at once: for the build (the manifest's own message files, in
 * scripts/locales-assets.ts) and the tests. Extension code goes through `loadCatalog` in
 * ./index.ts, which loads only the language in use.
 */
import type { Locale } from './index';
import { en, type Catalog } from './messages/en';
import { zhCN } from './messages/zh-CN';

export const CATALOGS: Readonly<Record<Locale, Catalog>> = { en, 'zh-CN': zhCN };
