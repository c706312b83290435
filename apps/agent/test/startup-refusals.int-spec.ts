import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_TOOLS } from '../src/app/preflight';

// The built agent (npm run build), run as systemd runs it: a process whose bad start must give
// one line on stderr and a non-zero exit, before anything starts (no database, no interface).
const MAIN = resolve(__dirname, '../../../dist/agent/apps/agent/src/main.js');
const BASICS = ['sh', 'env', 'sleep'];

let work: string;

beforeAll(() => {
  if (!existsSync(MAIN)) throw new Error(`${MAIN} is missing: npm run build first`);
  work = mkdtempSync(join(tmpdir(), 'sfha-startup-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A PATH with the real tools except `omit`. */
function pathWithout(name: string, omit: readonly string[]): string {
  const dir = join(work, name, 'bin');
  mkdirSync(dir, { recursive: true });
  for (const tool of [...ALL_TOOLS, ...BASICS].filter((t) => !omit.includes(t))) {
    const real = spawnSync('sh', ['-c', 'command -v "$1"', 'sh', tool], { encoding: 'utf8' }).stdout.trim();
    if (real) symlinkSync(real, join(dir, tool));
  }
  return dir;
}

/**
 * Starts the agent in a network namespace of its own (lo up), so a WireGuard probe or a listener
 * never touches the machine's; `before` runs first in that namespace (e.g. something holding the port).
 */
function startAgent(name: string, options: { omit?: string[]; env?: Record<string, string>; before?: string; args?: string[] } = {}) {
  const dataDir = join(work, name, 'data');
  mkdirSync(dataDir, { recursive: true });
  const path = pathWithout(name, options.omit ?? []);
  const args = ['--data-dir', dataDir, '--node-name', 'alpha', '--bind', '127.0.0.1:7780', ...(options.args ?? [])];
  // `before` may start a helper ($helper): it is killed once the agent has exited.
  const script = `helper=; ip link set lo up && ${options.before ?? 'true'} && { PATH="$1" "$2" "$3" ${args.map((a) => `'${a}'`).join(' ')}; code=$?; [ -z "$helper" ] || kill $helper; exit $code; }`;
  const run = spawnSync('unshare', ['--net', 'sh', '-c', script, 'sh', path, process.execPath, MAIN], {
    encoding: 'utf8',
    env: { ...process.env, ...options.env },
    timeout: 60_000,
  });
  return { code: run.status, stderr: run.stderr, stdout: run.stdout, dataFiles: readdirSync(dataDir) };
}

function expectOneLineRefusal(run: ReturnType<typeof startAgent>, code: number, text: string) {
  expect(run.code).toBe(code);
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(text);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  // Never half-started: no database, no credential, nothing listening was left.
  expect(run.dataFiles).toEqual([]);
  expect(run.stdout).toBe('');
}

describe('the agent refuses a bad start with one line and a non-zero exit', { timeout: 90_000 }, () => {
  it('a kernel without WireGuard and no wireguard-go', () => {
    // This machine's kernel has no WireGuard module (the lab runs wireguard-go): the probe fails.
    const run = startAgent('no-wg', { omit: ['wireguard-go'] });
    expectOneLineRefusal(run, 3, 'sfha-agent: cannot start: no WireGuard: this kernel has no WireGuard module and wireguard-go is not installed (apt install wireguard-go)');
  });

  it('Corosync not installed', () => {
    const run = startAgent('no-corosync', { omit: ['corosync', 'corosync-cfgtool', 'corosync-cmapctl', 'corosync-quorumtool'] });
    expectOneLineRefusal(run, 3, 'corosync, corosync-cfgtool, corosync-cmapctl, corosync-quorumtool not found on the PATH: install corosync');
  });

  it('the admin port already in use', () => {
    const held = join(work, 'held');
    const holder = `{ ${process.execPath} -e "require('net').createServer().listen(7780, '127.0.0.1', () => console.error('held'))" >/dev/null 2>${held} & helper=$!; } && while [ ! -s ${held} ]; do sleep 0.1; done`;
    const run = startAgent('port', { before: holder });
    expectOneLineRefusal(run, 1, 'sfha-agent: cannot start: the admin address 127.0.0.1:7780 is already in use');
  });

  it('a wrong value in /etc/sfha/agent.env (systemd passes it as the environment)', () => {
    const run = startAgent('env', { env: { SFHA_LOG_LEVEL: 'chatty', SFHA_TOKEN_TTL: '5' } });
    expectOneLineRefusal(
      run,
      2,
      'sfha-agent: invalid configuration (flags, or SFHA_* variables from /etc/sfha/agent.env): --log-level (SFHA_LOG_LEVEL): must be one of error, warn, info, debug, got "chatty"; --token-ttl (SFHA_TOKEN_TTL)',
    );
  });
});
