import type { Schemas } from '@sfha/contracts';
import { fill } from '../i18n/i18n';
import type { Messages } from '../i18n/messages.fr';

export interface OverviewAlert {
  id: string;
  tone: 'error' | 'warn';
  text: string;
}

export interface ClusterPicture {
  cluster?: Schemas['ClusterStatusDto'] | undefined;
  mesh?: Schemas['MeshStatusDto'] | undefined;
  groups?: Schemas['GroupStateDto'][] | undefined;
  fencing?: Schemas['FencingStatusDto'] | undefined;
  watchdog?: Schemas['WatchdogStatusDto'] | undefined;
}

/** What needs the admin, most serious first. A part not loaded yet raises nothing. */
export function overviewAlerts({ cluster, mesh, groups, fencing, watchdog }: ClusterPicture, m: Messages): OverviewAlert[] {
  const alerts: OverviewAlert[] = [];
  if (cluster && !cluster.corosyncRunning) alerts.push({ id: 'corosync', tone: 'error', text: m.alerts.corosyncDown });
  else if (cluster && !cluster.quorate) alerts.push({ id: 'quorum', tone: 'error', text: m.alerts.noQuorum });
  for (const group of groups ?? []) {
    for (const resource of group.resources) {
      if (resource.health === 'unhealthy')
        alerts.push({ id: `resource:${group.name}/${resource.name}`, tone: 'error', text: fill(m.alerts.resourceFailed, { name: resource.name, group: group.name }) });
    }
    if (group.owner === null) alerts.push({ id: `group:${group.name}`, tone: 'error', text: fill(m.alerts.groupStopped, { name: group.name }) });
  }
  for (const peer of mesh?.peers ?? []) {
    if (!peer.connected) alerts.push({ id: `peer:${peer.name}`, tone: 'warn', text: fill(m.alerts.noHandshake, { name: peer.name }) });
  }
  // A witness runs no group: nothing to fence, nothing to warn of.
  const witnesses = new Set((cluster?.nodes ?? []).filter((n) => n.role === 'witness').map((n) => n.name));
  if (watchdog) {
    // A node is covered by a fence device or an armed watchdog; with neither, its groups stay stopped if it fails.
    for (const node of watchdog.nodes.filter((n) => !witnesses.has(n.node))) {
      if (!node.armed && node.fenceDevices.length === 0) alerts.push({ id: `unprotected:${node.node}`, tone: 'warn', text: fill(m.alerts.unprotectedNode, { node: node.node }) });
    }
  } else if (fencing && !fencing.enabled) alerts.push({ id: 'fencing', tone: 'warn', text: m.alerts.fencingOff });
  else if (fencing) {
    for (const node of fencing.nodes.filter((n) => !witnesses.has(n.node))) {
      if (node.power === 'no-device') alerts.push({ id: `fence-device:${node.node}`, tone: 'warn', text: fill(m.alerts.noFenceDevice, { node: node.node }) });
    }
  }
  return alerts;
}
