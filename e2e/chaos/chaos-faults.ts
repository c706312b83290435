/**
 * The faults the chaos suite injects into a lab cluster, and the repair that brings the
 * cluster back whole afterwards (what an admin would do: heal the network, power fenced
 * hosts on through the cluster's own unfence, start what is not running).
 */
import { agentPid, heal, kill, partition, powerOn, powerState } from '../lab/lab';
import { BRIDGE_NS } from '../lab/lab-layout';
import { sh, sleep } from '../lab/lab-system';
import { api, maybe } from '../lab/lab-api';
import { hostPids, processNamed } from './chaos-cluster';
import type { FaultType, PlannedFault } from './chaos-plan';

const quiet = () => undefined;

function signal(pids: readonly number[], name: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, name);
    } catch {
      /* gone already */
    }
  }
}

const setLink = (node: string, state: 'up' | 'down') => sh('ip', ['-n', BRIDGE_NS, 'link', 'set', node, state]);

/** What a fault did: the hosts it hit, and whether the cluster is expected to fence them. */
export interface Injected {
  hosts: string[];
  /** The hosts leave the membership: the others should fence them. */
  fenceExpected: boolean;
}

/** Injects the fault; timed faults (partition, flap, pause) last `fault.holdMs` and are over when this returns. */
export async function inject(fault: PlannedFault, type: FaultType, target: string, hosts: readonly string[]): Promise<Injected> {
  switch (type) {
    case 'kill-host':
      await kill(target, quiet);
      return { hosts: [target], fenceExpected: true };
    case 'kill-agent': {
      const pid = agentPid(target);
      if (pid !== null) signal([pid], 'SIGKILL');
      return { hosts: [target], fenceExpected: false };
    }
    case 'kill-corosync':
      signal(await processNamed(target, 'corosync'), 'SIGKILL');
      return { hosts: [target], fenceExpected: false };
    case 'partition-minority':
    case 'partition-leader': {
      // A minority: one host of 3 or 4, two of 5 (the target and the next one).
      const size = hosts.length >= 5 ? 2 : 1;
      const start = hosts.indexOf(target);
      const minority = Array.from({ length: size }, (_, k) => hosts[(start + k) % hosts.length] ?? target);
      await partition([minority, hosts.filter((h) => !minority.includes(h))], quiet);
      await sleep(fault.holdMs);
      await heal(quiet);
      return { hosts: minority, fenceExpected: true };
    }
    case 'flap-link': {
      const each = Math.max(200, Math.round(fault.holdMs / (2 * fault.flaps)));
      for (let k = 0; k < fault.flaps; k++) {
        await setLink(target, 'down');
        await sleep(each);
        // Fenced meanwhile (powered off: no process left): the link stays down, as the power controller left it.
        if ((await hostPids(target)).length === 0) return { hosts: [target], fenceExpected: true };
        await setLink(target, 'up');
        await sleep(each);
      }
      return { hosts: [target], fenceExpected: false };
    }
    case 'pause-host': {
      const pids = await hostPids(target);
      signal(pids, 'SIGSTOP');
      await sleep(fault.holdMs);
      signal(await hostPids(target), 'SIGCONT');
      return { hosts: [target], fenceExpected: true };
    }
  }
}

/**
 * One pass of repair, safe to repeat: no partition, nothing stopped, every host powered on
 * (through the cluster's unfence when a member answers, so the cluster knows) and its agent
 * running. Returns what it did, for the log.
 */
export async function repair(hosts: readonly string[]): Promise<string[]> {
  const done: string[] = [];
  await heal(quiet);
  for (const host of hosts) signal(await hostPids(host), 'SIGCONT');
  for (const host of hosts) {
    if ((await powerState(host)) === 'off') {
      const processes = (await hostPids(host)).length;
      if (processes > 0) {
        // Link down with processes running: a flap that ended down, not a power-off.
        await setLink(host, 'up');
        done.push(`${host}: link up`);
        continue;
      }
      const through = hosts.find((h) => h !== host && agentPid(h) !== null);
      const unfenced = through ? await maybe(() => api(through, 'POST', `/fencing/nodes/${host}/unfence`, undefined, 30_000)) : null;
      if (unfenced === null) await powerOn(host);
      done.push(`${host}: ${unfenced === null ? 'powered on' : `unfenced through ${through}`}`);
    } else if (agentPid(host) === null) {
      await powerOn(host);
      done.push(`${host}: agent started`);
    }
  }
  return done;
}
