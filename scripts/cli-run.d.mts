// Types of scripts/cli-run.mjs (plain JavaScript: it runs before anything can compile TypeScript).
export interface BundleKey {
  key: string;
  inputs: string[];
  stamps: string[];
}
export const CLI_BUNDLE_DIR: string;
export function bundleKey(inputs: string[]): Promise<BundleKey | null>;
export function freshBundle(): Promise<string | null>;
export function buildBundle(): Promise<string>;
export function cliBundle(): Promise<string | null>;
