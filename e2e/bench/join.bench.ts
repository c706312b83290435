/**
 * Benchmark: time from `sfha join` to handshakes with every peer, for clusters of 3 and 8
 * nodes, in the lab with real WireGuard (wireguard-go). Prints one JSON document.
 *
 *   npm run bench:join            (root; takes the lab over: it runs `lab down` first and last)
 *   npm run bench:join -- 3 5     (other sizes)
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../lab/lab-layout';
import { holdLabForRun } from '../lab/lab-lock';
import { lab, labOk, sfhaJson } from '../lab/lab-runner';

interface JoinSample {
  node: string;
  /** Wall time of the `sfha join` command, from start to exit (CLI start-up included). */
  commandMs: number;
  /** The agent's own figure: request received to every member answering through the new tunnels. */
  agentMs: number;
  /** Peers with a handshake on the joiner right after the command returned. */
  peersWithHandshake: number;
  peers: number;
}

function handshakes(node: string, since: number): number {
  const dump = lab('exec', node, '--', 'wg', 'show', 'wg-sfha', 'latest-handshakes').stdout;
  return dump.split('\n').filter((line) => Number(line.split('\t')[1] ?? 0) >= since).length;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

function run(size: number): { nodes: number; joins: JoinSample[]; medianCommandMs: number; maxCommandMs: number; medianAgentMs: number } {
  labOk('down');
  labOk('up', String(size));
  sfhaJson('node1', 'init', '--cluster', 'bench', '--mesh', '--ip', '10.100.0.1/24');
  const joins: JoinSample[] = [];
  for (let i = 2; i <= size; i++) {
    // Invitations come from a member other than node1 half of the time.
    const inviter = `node${i % 2 === 0 || i === 2 ? 1 : i - 1}`;
    const { token } = sfhaJson<{ token: string }>(inviter, 'mesh', 'token');
    const node = `node${i}`;
    const since = Math.floor(Date.now() / 1000);
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'e2e/lab/lab-cli.ts'), 'exec', node, '--', 'sfha', '--json', 'join', token], {
      encoding: 'utf8',
      env: { ...process.env, TSX_TSCONFIG_PATH: join(REPO_ROOT, 'e2e/tsconfig.json') },
    });
    const commandMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (result.status !== 0) throw new Error(`join of ${node} failed: ${result.stderr}`);
    const answer = JSON.parse(result.stdout) as { elapsedMs: number; members: string[] };
    joins.push({ node, commandMs: Math.round(commandMs), agentMs: answer.elapsedMs, peersWithHandshake: handshakes(node, since), peers: answer.members.length });
  }
  labOk('down');
  const commandTimes = joins.map((j) => j.commandMs);
  return { nodes: size, joins, medianCommandMs: median(commandTimes), maxCommandMs: Math.max(...commandTimes), medianAgentMs: median(joins.map((j) => j.agentMs)) };
}

const sizes = process.argv
  .slice(2)
  .map(Number)
  .filter((n) => n >= 2);
void holdLabForRun().then(() => {
  const results = (sizes.length > 0 ? sizes : [3, 8]).map(run);
  process.stdout.write(`${JSON.stringify({ benchmark: 'join', wireguard: 'wireguard-go', results }, null, 2)}\n`);
});
