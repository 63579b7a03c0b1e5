/**
 * zod, configured once for the extension: `jitless` stops zod from probing `Function('')` to
 * compile fast parsers, which an extension's CSP forbids (and which store linters flag as eval).
 * Every rate-card module imports `z` from here so the setting is in place before any schema runs.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
