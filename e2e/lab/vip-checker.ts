/**
 * Samples every lab host every 50 ms and records each moment more than one holds the VIP.
 *   node --import tsx vip-checker.ts VIP HOSTS OUT.json
 * Runs until SIGTERM, then writes {samples, violations} to OUT.json.
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';

const [vip = '', hostsText = '3', out = '/tmp/vip-checker.json'] = process.argv.slice(2);
const hosts = Array.from({ length: Number(hostsText) }, (_, i) => `node${i + 1}`);
const violations: { at: string; holders: string[] }[] = [];
let samples = 0;

const holds = (host: string) =>
  new Promise<boolean>((resolve) => {
    execFile('ip', ['-n', host, '-j', 'address', 'show', 'dev', 'eth0'], (error, stdout) => {
      if (error) return resolve(false);
      const links = JSON.parse(stdout || '[]') as { flags?: string[]; addr_info?: { local?: string }[] }[];
      resolve(links.some((l) => l.addr_info?.some((a) => a.local === vip)));
    });
  });

const timer = setInterval(() => {
  void Promise.all(hosts.map(holds)).then((held) => {
    samples++;
    const holders = hosts.filter((_, i) => held[i]);
    if (holders.length > 1) violations.push({ at: new Date().toISOString(), holders });
  });
}, 50);

process.on('SIGTERM', () => {
  clearInterval(timer);
  writeFileSync(out, JSON.stringify({ samples, violations }));
  process.exit(0);
});
