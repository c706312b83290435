import { resolve } from 'node:path';
import { startAgent } from './app/start-agent';
import { parseAgentConfig } from './config/agent-config';

// dist/agent/apps/agent/src/main.js → dist/web
const SHIPPED_WEB_DIR = resolve(__dirname, '../../../../web');

async function main(): Promise<void> {
  const result = parseAgentConfig(process.argv.slice(2), process.env, SHIPPED_WEB_DIR);
  if (result.ok === 'help') {
    process.stdout.write(`${result.usage}\n`);
    return;
  }
  if (result.ok === false) {
    process.stderr.write(`sfha-agent: invalid configuration:\n${result.errors.map((e) => `  - ${e}`).join('\n')}\n`);
    process.exit(2);
  }
  await startAgent(result.config);
}

main().catch((error: unknown) => {
  // Boot failures (port in use, unreadable data dir…) end here: one clear line, exit 1.
  const err = error as NodeJS.ErrnoException;
  const hint = err.code === 'EADDRINUSE' ? ' (another process already listens there: stop it or use --bind)' : err.code === 'EACCES' ? ' (permission denied: run as root or change --data-dir/--bind)' : '';
  process.stderr.write(`sfha-agent: cannot start: ${err.message}${hint}\n`);
  process.exit(1);
});
