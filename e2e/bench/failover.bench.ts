/**
 * Benchmark: kill the VIP owner N times (default 20) and time, from the kill (the SIGKILL of
 * every process of the owner host), the client's first successful request through the VIP
 * (fence included), per Corosync token profile. Prints JSON, with the leader's timeline of
 * the last kill (where the time goes).
 *
 *   npm run bench:failover                          (root; takes the lab over: lab down first and last)
 *   npm run bench:failover -- 5                     (fewer kills)
 *   npm run bench:failover -- 5 sfha-tuned          (one profile)
 *   npm run bench:failover -- 5 no-fence            (no fence device: watchdog self-fencing, 5 s lab
 *                                                    watchdogs; only when named)
 */
import { formCluster, formClusterWith, host, lanClient, online, until } from '../lab/cluster-helpers';
import { kill } from '../lab/lab';
import { LAB_BIN_DIR } from '../lab/lab-layout';
import { holdLabForRun } from '../lab/lab-lock';
import { labOk, sfhaJson } from '../lab/lab-runner';

const VIP = '192.0.2.100';
const PROFILES = [
  // Corosync's own defaults: token 3000 ms + 650 ms per node above two.
  { name: 'corosync-default', tokenMs: 3000, tokenCoefficientMs: 650 },
  // sfha's default (a safe margin on loaded hosts).
  { name: 'sfha-default', tokenMs: 1000, tokenCoefficientMs: 0 },
  // Tuned for a quiet, low-latency LAN: failure detected in about 2.2 token times.
  { name: 'sfha-tuned', tokenMs: 500, tokenCoefficientMs: 0 },
  // No fence device: every node arms a 5 s lab watchdog; a departed owner counts as fenced after 2 × 5 s.
  { name: 'no-fence', tokenMs: 1000, tokenCoefficientMs: 0, watchdogTimeoutMs: 5_000 },
];
type Profile = (typeof PROFILES)[number] & { watchdogTimeoutMs?: number };
const WATCHDOG_ONLY_WHEN_NAMED = 'no-fence';

interface WatchdogStatus {
  nodes: { node: string; armed: boolean }[];
}
const allArmed = (reader: string) => sfhaJson<WatchdogStatus>(reader, 'node', 'watchdog', 'status').nodes.every((n) => n.armed);

interface TimelineEvent {
  at: string;
  category: string;
  message: string;
  code?: string;
  params?: Record<string, unknown>;
}

/**
 * sfha's own part of a failover: from the first survivor's 'node left' (Corosync declared the
 * loss) to the last start of the group's resources on its new node (fence included), ms.
 */
function sfhaPartMs(nodes: readonly string[], owner: string, killedAt: number): number | null {
  const all = nodes.flatMap((node) => sfhaJson<TimelineEvent[]>(node, 'events', '--limit', '60')).filter((e) => Date.parse(e.at) >= killedAt - 50);
  const left = all.filter((e) => e.code === 'node.left' && e.params?.node === owner).map((e) => Date.parse(e.at));
  const started = all.filter((e) => e.code === 'resource.started' && e.params?.group === 'web').map((e) => Date.parse(e.at));
  return left.length > 0 && started.length > 0 ? Math.max(...started) - Math.min(...left) : null;
}

/** The survivors' events since the kill, in ms after it: where the failover time went. */
function timeline(nodes: readonly string[], killedAt: number): string[] {
  const all = nodes.flatMap((node) => sfhaJson<TimelineEvent[]>(node, 'events', '--limit', '60').map((e) => ({ ...e, node })));
  return all
    .map((e) => ({ ms: Date.parse(e.at) - killedAt, line: `${e.node} ${e.category}: ${e.message}` }))
    .filter((e) => e.ms >= -50)
    .sort((a, b) => a.ms - b.ms)
    .map((e) => `+${e.ms} ms ${e.line}`);
}

const client = () => lanClient(VIP, 8080, 0.5);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

async function run(profile: Profile, kills: number) {
  const watchdog = profile.watchdogTimeoutMs !== undefined;
  if (watchdog) await formClusterWith(['--watchdog']);
  else await formCluster();
  sfhaJson(
    'node1',
    'config',
    'set',
    '--token-ms',
    String(profile.tokenMs),
    '--token-coefficient-ms',
    String(profile.tokenCoefficientMs),
    '--fence-startup-grace-ms',
    '0',
    '--fence-min-delay-ms',
    '0',
    '--fence-storm-limit',
    '1000',
  );
  if (watchdog) {
    sfhaJson('node1', 'config', 'set', '--watchdog-timeout-ms', String(profile.watchdogTimeoutMs));
    await until('every node advertising an armed watchdog', () => allArmed('node1'), 60_000);
  } else sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--host', 'node1=node1', '--host', 'node2=node2', '--host', 'node3=node3');
  sfhaJson('node1', 'resources', 'group-set', 'web', '--vip', `${VIP}/24`, '--process', `${LAB_BIN_DIR}/lab-web-server 8080`);
  await until('the service to answer', () => client() !== null, 60_000);
  const samples: number[] = [];
  const sfhaSamples: number[] = [];
  let lastTimeline: string[] = [];
  for (let i = 0; i < kills; i++) {
    const owner = client() ?? '';
    const survivors = ['node1', 'node2', 'node3'].filter((n) => n !== owner);
    const survivor = survivors[0] ?? '';
    const killedAt = Date.now();
    const started = process.hrtime.bigint();
    await kill(owner, () => undefined);
    for (;;) {
      const answer = client();
      if (answer && answer !== owner) break;
      if (Number(process.hrtime.bigint() - started) / 1e6 > 120_000) throw new Error(`kill ${i + 1}: no failover within 120 s`);
    }
    samples.push(Math.round(Number(process.hrtime.bigint() - started) / 1e6));
    process.stderr.write(`${profile.name} kill ${i + 1}/${kills}: ${samples.at(-1)} ms\n`);
    lastTimeline = timeline(survivors, killedAt);
    const part = sfhaPartMs(survivors, owner, killedAt);
    if (part !== null) sfhaSamples.push(part);
    if (watchdog) {
      // Its lab watchdog powers it off (not petted since the kill); power it on again, then wait for its advert.
      await until(`${owner} powered off by its lab watchdog`, () => host(owner)?.processes === 0, 30_000);
      labOk('start', owner);
    } else sfhaJson(survivor, 'stonith', 'unfence', owner);
    await until(`${owner} back in the membership`, () => online(survivor).length === 3, 90_000);
    if (watchdog) await until(`${owner}'s watchdog armed again`, () => allArmed(survivor), 60_000);
  }
  labOk('down');
  return {
    profile: profile.name,
    tokenMs: profile.tokenMs,
    tokenCoefficientMs: profile.tokenCoefficientMs,
    kills,
    medianMs: percentile(samples, 50),
    p95Ms: percentile(samples, 95),
    maxMs: Math.max(...samples),
    samples,
    sfhaPart: { measured: 'first node.left on a survivor → last resource.started of web', medianMs: percentile(sfhaSamples, 50), p95Ms: percentile(sfhaSamples, 95), samples: sfhaSamples },
    lastTimeline,
  };
}

async function main(): Promise<void> {
  const kills = Number(process.argv[2] ?? 20);
  const only = process.argv.slice(3);
  const unknown = only.filter((name) => !PROFILES.some((p) => p.name === name));
  if (!Number.isInteger(kills) || kills < 1) throw new Error(`the number of kills must be a whole number ≥ 1, got "${process.argv[2]}"`);
  if (unknown.length > 0) throw new Error(`unknown profile ${unknown.join(', ')} (profiles: ${PROFILES.map((p) => p.name).join(', ')})`);
  await holdLabForRun();
  const results = [];
  for (const profile of PROFILES.filter((p) => (only.length === 0 ? p.name !== WATCHDOG_ONLY_WHEN_NAMED : only.includes(p.name)))) {
    const result = await run(profile, kills);
    // Each profile's figures as soon as they exist: a later failure does not lose them.
    process.stderr.write(
      `${profile.name}: ${JSON.stringify({ medianMs: result.medianMs, p95Ms: result.p95Ms, maxMs: result.maxMs, sfhaPart: { medianMs: result.sfhaPart.medianMs, p95Ms: result.sfhaPart.p95Ms } })}\n`,
    );
    results.push(result);
  }
  process.stdout.write(
    `${JSON.stringify({ benchmark: 'failover', measured: 'kill of the VIP owner → first successful client request through the VIP (fence, or the 2 × watchdog timeout wait, included)', results }, null, 2)}\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:failover: ${(error as Error).message}\n`);
  // Never leave the lab (and its gateway's ports) behind for the next user.
  process.stderr.write("bench:failover: taking the lab down (see the agents' logs before the next run: npm run lab -- logs NODE)\n");
  labOk('down');
  process.exit(1);
});
