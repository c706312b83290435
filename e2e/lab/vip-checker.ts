/**
 * Samples every lab host every 50 ms and records each moment more than one holds a VIP.
 *   node --import tsx vip-checker.ts VIP[,VIP…] HOSTS OUT.json
 * A VIP is held on any interface: eth0 for a LAN VIP, the WireGuard interface for a mesh VIP.
 * Runs until SIGTERM, then writes {samples, violations, heldBy} to OUT.json (heldBy: host → samples it held a VIP in).
 */
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { hostNetns } from './lab-layout';

const [vipsText = '', hostsText = '3', out = 'vip-checker.json'] = process.argv.slice(2);
const vips = vipsText.split(',').filter(Boolean);
const hosts = Array.from({ length: Number(hostsText) }, (_, i) => `node${i + 1}`);
const violations: { at: string; vip: string; holders: string[] }[] = [];
const heldBy: Record<string, number> = {};
let samples = 0;

/** The VIPs among the host's addresses, on every interface. */
const held = (host: string) =>
  new Promise<string[]>((resolve) => {
    execFile('ip', ['-n', hostNetns(host), '-j', 'address', 'show'], (error, stdout) => {
      if (error) return resolve([]);
      const links = JSON.parse(stdout || '[]') as { addr_info?: { local?: string }[] }[];
      resolve(vips.filter((vip) => links.some((l) => l.addr_info?.some((a) => a.local === vip))));
    });
  });

const timer = setInterval(() => {
  void Promise.all(hosts.map(held)).then((byHost) => {
    samples++;
    hosts.forEach((host, i) => {
      if ((byHost[i] ?? []).length > 0) heldBy[host] = (heldBy[host] ?? 0) + 1;
    });
    for (const vip of vips) {
      const holders = hosts.filter((_, i) => byHost[i]?.includes(vip));
      if (holders.length > 1) violations.push({ at: new Date().toISOString(), vip, holders });
    }
  });
}, 50);

process.on('SIGTERM', () => {
  clearInterval(timer);
  writeFileSync(out, JSON.stringify({ samples, violations, heldBy }));
  process.exit(0);
});
