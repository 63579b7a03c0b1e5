// `npm run -s cli -- <command> [args]`: the command-line interface on the core engine.
// Each command lives in scripts/cli/<name>.ts and exports `run(args): Promise<number>` (exit code);
// results go to stdout as JSON, errors to stderr as `{"error": "..."}`.
import { COMMANDS } from './cli/commands';

const [name, ...args] = process.argv.slice(2);
const command = name ? COMMANDS[name] : undefined;
if (!command) {
  const list = Object.entries(COMMANDS)
    .map(([n, c]) => `  ${n.padEnd(10)} ${c.summary}`)
    .join('\n');
  process.stderr.write(`usage: npm run -s cli -- <command> [args]\n\ncommands:\n${list}\n`);
  process.exit(name ? 2 : 0);
}
try {
  process.exitCode = await command.run(args);
} catch (error) {
  process.stderr.write(
    JSON.stringify({ error: error instanceof Error ? error.message : String(error) }) + '\n',
  );
  process.exitCode = 1;
}
