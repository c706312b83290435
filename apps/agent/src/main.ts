import { resolve } from 'node:path';
import { gatherHostFacts, startupProblem } from './app/preflight';
import { startAgent } from './app/start-agent';
import { parseAgentConfig } from './config/agent-config';

// dist/agent/apps/agent/src/main.js → dist/web
const SHIPPED_WEB_DIR = resolve(__dirname, '../../../../web');

/** Exit codes: 1 a failure that may pass (port in use…), 2 a wrong setting, 3 a missing prerequisite. */
function fail(line: string, code: number): never {
  // One line: systemctl status and the journal show it whole.
  process.stderr.write(`sfha-agent: ${line}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  const result = parseAgentConfig(process.argv.slice(2), process.env, SHIPPED_WEB_DIR);
  if (result.ok === 'help') {
    process.stdout.write(`${result.usage}\n`);
    return;
  }
  if (result.ok === false) fail(`invalid configuration (flags, or SFHA_* variables from /etc/sfha/agent.env): ${result.errors.join('; ')}`, 2);
  const problem = startupProblem(result.config, await gatherHostFacts(result.config));
  if (problem) fail(`cannot start: ${problem.line}`, problem.exitCode);
  await startAgent(result.config);
}

// Never a stack trace in the journal: an unexpected error stops the agent with one line (systemd restarts it).
const unexpected = (reason: unknown) => fail(`stopped on an unexpected error: ${reason instanceof Error ? reason.message : String(reason)}`, 1);
process.on('unhandledRejection', unexpected);
process.on('uncaughtException', unexpected);

main().catch((error: unknown) => {
  // Boot failures (port taken meanwhile, unreadable data dir…) end here: one clear line, exit 1.
  const err = error as NodeJS.ErrnoException;
  const hint =
    err.code === 'EADDRINUSE' ? ' (another process already listens there: stop it or use --bind)' : err.code === 'EACCES' ? ' (permission denied: run as root or change --data-dir/--bind)' : '';
  fail(`cannot start: ${err.message}${hint}`, 1);
});
