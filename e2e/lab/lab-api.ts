/**
 * The agents of a lab, driven without a CLI process per question (light on a loaded machine):
 * - `api()`: a node's HTTP API through the lab gateway, as admin, with a token from the
 *   host's root-only local credential (accepted only from the host itself: the sign-in runs
 *   curl inside the host, the credential on its stdin);
 * - `sfhaIn()`: the `sfha` CLI run directly inside a host (no lab CLI, no TypeScript loader).
 */
import { readFileSync } from 'node:fs';
import { AGENT_PORT, CLI_BIN_DIR, hostIndex, hostNetnsPath, LAB_BIN_DIR, machineUrl, privateDirSource } from './lab-layout';
import { hostCommand } from './lab-systemd';
import { sh } from './lab-system';

export interface ClusterView {
  quorate: boolean;
  leader: string | null;
  nodes: { name: string; online: boolean }[];
}

const tokens = new Map<string, string>();

async function login(node: string): Promise<string> {
  const { credential } = JSON.parse(readFileSync(`${privateDirSource(node, '/var/lib/sfha')}/local-admin.json`, 'utf8')) as { credential: string };
  const url = `http://127.0.0.1:${AGENT_PORT}/api/v1/auth/local`;
  const { stdout } = await sh('nsenter', [`--net=${hostNetnsPath(node)}`, 'curl', '-sf', '-m', '3', '-H', 'content-type: application/json', '--data-binary', '@-', url], {
    input: JSON.stringify({ credential }),
  });
  const token = (JSON.parse(stdout) as { accessToken: string }).accessToken;
  tokens.set(node, token);
  return token;
}

/** Calls the node's agent as admin; throws on a network error, a timeout or a non-2xx answer. */
export async function api<T>(node: string, method: string, path: string, body?: unknown, timeoutMs = 3_000): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const token = tokens.get(node) ?? (await login(node));
    const res = await fetch(`${machineUrl(hostIndex(node) ?? 0)}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    // A restarted agent, or an expired token: sign in again once.
    if (res.status === 401 && attempt === 0) {
      tokens.delete(node);
      continue;
    }
    const text = await res.text();
    if (!res.ok) throw new Error(`${node}: ${method} ${path}: HTTP ${res.status} ${text.slice(0, 200)}`);
    return (text ? JSON.parse(text) : null) as T;
  }
}

/** `fn`, or null when the node does not answer (a fault is under way). */
export async function maybe<T>(fn: () => Promise<T>): Promise<T | null> {
  try {
    return await fn();
  } catch {
    return null;
  }
}

/** `sfha --json ARGS…` inside the host, parsed; throws with its message when it fails. */
export async function sfhaIn<T>(node: string, ...args: string[]): Promise<T> {
  const [enter = 'nsenter', ...into] = hostCommand(node);
  const path = `PATH=${CLI_BIN_DIR}:${LAB_BIN_DIR}:${process.env.PATH ?? '/usr/bin:/bin'}`;
  // A join waits for handshakes and a membership: minutes on a loaded machine, not the executor's default 10 s.
  const run = await sh(enter, [...into, 'env', path, 'sfha', '--lang=en', '--json', ...args], { allowFailure: true, timeoutMs: 180_000 });
  // A join token carries a bootstrap key: never in an error message.
  const shown = args.map((a) => (a.startsWith('sfha-join://') ? 'sfha-join://…' : a)).join(' ');
  if (run.exitCode !== 0) throw new Error(`sfha ${shown} on ${node} exited ${run.exitCode}: ${run.stderr.trim()}`);
  return JSON.parse(run.stdout) as T;
}

/** A cluster of nodes 1..count (lab already up): node1 creates it, node<i> joins from node<i-1>; resolves once node1 sees all online. */
export async function formClusterFast(count: number, onJoin: (node: string, ms: number, agentMs: number, attempt: number) => void = () => undefined): Promise<void> {
  await sfhaIn('node1', 'init', '--cluster', 'prod', '--mesh', '--ip', '10.100.0.1/24');
  for (let i = 2; i <= count; i++) {
    // On a loaded machine an inviter may not answer in time: two more tries, invited by node1.
    const failures: string[] = [];
    for (let attempt = 1; ; attempt++) {
      const inviter = attempt === 1 ? `node${i - 1}` : 'node1';
      const { token } = await sfhaIn<{ token: string }>(inviter, 'mesh', 'token');
      const started = Date.now();
      try {
        const joined = await sfhaIn<{ elapsedMs: number }>(`node${i}`, 'join', token);
        onJoin(`node${i}`, Date.now() - started, joined.elapsedMs, attempt);
        break;
      } catch (error) {
        failures.push(`attempt ${attempt}: ${(error as Error).message}`);
        if (attempt === 3) throw new Error(`node${i} did not join: ${failures.join(' | ')}`);
      }
    }
  }
  const deadline = Date.now() + 120_000;
  for (;;) {
    const view = await maybe(() => api<ClusterView>('node1', 'GET', '/cluster/status'));
    if (view?.quorate && view.nodes.filter((n) => n.online).length === count) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for a quorate membership of ${count}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
