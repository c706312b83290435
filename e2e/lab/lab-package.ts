/**
 * `npm run lab -- up N --systemd --packaged`: each host's agent is the INSTALLED package's unit
 * (dpkg -i dist/pkg/sfha_….deb on the machine first; the hosts share its filesystem), run by the
 * host's own systemd. The packaged unit is linked into the host's own runtime unit directory
 * (/run/systemd/system inside the host) with a lab drop-in (node name, bind address, the lab's
 * fence agent on PATH) and wanted by the host's boot target, as `systemctl enable` would: a power
 * cycle brings the agent back by itself. The lab systemd's unit path is never widened to the
 * machine's (see lab-systemd.ts: that once emptied the machine's /tmp).
 */
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AGENT_PORT, hostDir, LAB_BIN_DIR, labWatchdogDevice, privateDirSource } from './lab-layout';
import { enableSystemd, hasSystemd } from './lab-systemd';

export const PACKAGED_UNIT = '/lib/systemd/system/sfha-agent.service';
export const PACKAGED_AGENT = '/opt/sfha/bin/sfha-agent';
const marker = (host: string) => join(hostDir(host), 'packaged-agent');
/** The host's /run/systemd/system, seen from the machine. */
const unitDir = (host: string) => join(privateDirSource(host, '/run'), 'systemd/system');

export const hasPackagedAgent = (host: string) => existsSync(marker(host));

/** Marks the host as one whose agent is the packaged unit under its own systemd. */
export function enablePackagedAgent(host: string): void {
  if (!existsSync(PACKAGED_UNIT)) throw new Error(`the sfha package is not installed (${PACKAGED_UNIT} is missing): npm run package, then dpkg -i dist/pkg/sfha_*.deb`);
  enableSystemd(host);
  mkdirSync(hostDir(host), { recursive: true });
  writeFileSync(marker(host), 'the agent is the packaged sfha-agent.service\n');
}

/** Links the packaged unit into the host's unit directory, with the lab's drop-in, enabled at boot. */
export function linkPackagedUnit(host: string): void {
  if (!hasSystemd(host)) throw new Error(`${host} does not boot systemd`);
  const dir = unitDir(host);
  mkdirSync(join(dir, 'sfha-agent.service.d'), { recursive: true });
  mkdirSync(join(dir, 'sfha-lab.target.wants'), { recursive: true });
  rmSync(join(dir, 'sfha-agent.service'), { force: true });
  symlinkSync(PACKAGED_UNIT, join(dir, 'sfha-agent.service'));
  const path = `${LAB_BIN_DIR}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`;
  // Flags win over /etc/sfha/agent.env, which the hosts share with the machine. PrivateTmp off:
  // the checkout (the lab's fence agent and web server) may be under /tmp, which it would hide.
  writeFileSync(
    join(dir, 'sfha-agent.service.d/lab.conf'),
    `[Service]\nExecStart=\nExecStart=${PACKAGED_AGENT} --node-name ${host} --bind 0.0.0.0:${AGENT_PORT} --watchdog-device ${labWatchdogDevice(host)}\nEnvironment=PATH=${path}\nPrivateTmp=no\n`,
  );
  rmSync(join(dir, 'sfha-lab.target.wants/sfha-agent.service'), { force: true });
  symlinkSync('../sfha-agent.service', join(dir, 'sfha-lab.target.wants/sfha-agent.service'));
}
