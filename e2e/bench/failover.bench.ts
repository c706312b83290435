/**
 * Benchmark: kill the VIP owner N times (default 20) and time, from the kill, the client's
 * first successful request through the VIP (fence included), with Corosync's default token
 * (3000 ms + 650 ms/node) and with sfha's tuned one (1000 ms, coefficient 0). Prints JSON.
 *
 *   npm run bench:failover            (root; takes the lab over: lab down first and last)
 *   npm run bench:failover -- 5       (fewer kills)
 */
import { formCluster, lanClient, online, until } from '../lab/cluster-helpers';
import { LAB_BIN_DIR } from '../lab/lab-layout';
import { labOk, sfhaJson } from '../lab/lab-runner';

const VIP = '192.0.2.100';
const PROFILES = [
  { name: 'corosync-default', tokenMs: 3000, tokenCoefficientMs: 650 },
  { name: 'sfha-tuned', tokenMs: 1000, tokenCoefficientMs: 0 },
];

const client = () => lanClient(VIP, 8080, 0.5);

const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0;
};

async function run(profile: (typeof PROFILES)[number], kills: number) {
  await formCluster();
  sfhaJson('node1', 'config', 'set', '--token-ms', String(profile.tokenMs), '--token-coefficient-ms', String(profile.tokenCoefficientMs), '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '0', '--fence-storm-limit', '1000');
  sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--host', 'node1=node1', '--host', 'node2=node2', '--host', 'node3=node3');
  sfhaJson('node1', 'resources', 'group-set', 'web', '--vip', `${VIP}/24`, '--process', `${LAB_BIN_DIR}/lab-web-server 8080`);
  await until('the service to answer', () => client() !== null, 60_000);
  const samples: number[] = [];
  for (let i = 0; i < kills; i++) {
    const owner = client() ?? '';
    const survivor = ['node1', 'node2', 'node3'].find((n) => n !== owner) ?? '';
    const started = process.hrtime.bigint();
    labOk('kill', owner);
    for (;;) {
      const answer = client();
      if (answer && answer !== owner) break;
      if (Number(process.hrtime.bigint() - started) / 1e6 > 120_000) throw new Error(`kill ${i + 1}: no failover within 120 s`);
    }
    samples.push(Math.round(Number(process.hrtime.bigint() - started) / 1e6));
    process.stderr.write(`${profile.name} kill ${i + 1}/${kills}: ${samples.at(-1)} ms\n`);
    sfhaJson(survivor, 'stonith', 'unfence', owner);
    await until(`${owner} back in the membership`, () => online(survivor).length === 3, 90_000);
  }
  labOk('down');
  return { profile: profile.name, tokenMs: profile.tokenMs, tokenCoefficientMs: profile.tokenCoefficientMs, kills, medianMs: percentile(samples, 50), p95Ms: percentile(samples, 95), maxMs: Math.max(...samples), samples };
}

async function main(): Promise<void> {
  const kills = Number(process.argv[2] ?? 20);
  const results = [];
  for (const profile of PROFILES) results.push(await run(profile, kills));
  process.stdout.write(`${JSON.stringify({ benchmark: 'failover', measured: 'kill of the VIP owner → first successful client request through the VIP (fence included)', results }, null, 2)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:failover: ${(error as Error).message}\n`);
  process.exit(1);
});
