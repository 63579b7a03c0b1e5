export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

/** Registry of CLI commands: one module per command, added here. */
export const COMMANDS: Record<string, CliCommand> = {
  version: {
    summary: 'print the extension version',
    async run() {
      // Sync reads on the CLI's quick paths: node:fs/promises loads streams and its file
      // handles go through the thread pool, ~10 ms of a start that should take ~50.
      const { readFileSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { ROOT } = await import('../repo-root');
      const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
      process.stdout.write(JSON.stringify({ version: pkg.version }) + '\n');
      return 0;
    },
  },
  count: {
    summary: 'count tokens of a file or stdin for a model: count --model <id> <file|->',
    run: async (args) => (await import('./count')).run(args),
  },
  price: {
    summary:
      'price one request on the rate card: price --model <id> --input N --output N [--cache-read N] [--cache-write N] [--reasoning N] [--offer openrouter] [--sync]',
    run: async (args) => (await import('./price')).run(args),
  },
  compare: {
    summary:
      'cost of a prompt on other models: compare <file|-> [--models a,b,c] [--output-tokens N] [--json]',
    run: async (args) => (await import('./compare')).run(args),
  },
  import: {
    summary:
      'read agent logs, ccusage/tokscale reports and provider exports (nothing stored): import <files or folders…> [--json] [--events]',
    run: async (args) => (await import('./import')).run(args),
  },
  usage: {
    summary:
      "what a chat site's own stream says about a reply, from a saved body: usage --url <request URL> <file|->",
    run: async (args) => (await import('./usage')).run(args),
  },
};
