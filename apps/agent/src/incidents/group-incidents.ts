import type { ClusterEvent } from '@sfha/contracts';

/** How a group came through an incident: where it ran, where it runs now, how long it was down. */
export interface IncidentGroup {
  group: string;
  from: string;
  to: string | null;
  /** When it was served again (its resources started on `to`). */
  servedAt: string | null;
  downtimeMs: number | null;
}

export interface IncidentFence {
  node: string;
  device: string;
  ok: boolean;
  ms: number;
  at: string;
}

export type IncidentTrigger = { kind: 'node-lost'; node: string } | { kind: 'group-failed'; group: string; node: string };

/** Related events as one story: a node lost → fenced → groups moved → served again. */
export interface Incident {
  /** The first event's origin and id: stable on every node. */
  id: string;
  trigger: IncidentTrigger;
  openedAt: string;
  resolvedAt: string | null;
  fences: IncidentFence[];
  groups: IncidentGroup[];
  /** origin#id of every event that belongs to it, oldest first. */
  events: string[];
}

const lostGroup = (group: string, from: string): IncidentGroup => ({ group, from, to: null, servedAt: null, downtimeMs: null });
/** Members record the same membership change up to this far apart (each polls, a loaded one late). */
const SPLIT_SLACK_MS = 2_000;
const key = (e: ClusterEvent) => `${e.origin}#${e.id}`;
const ms = (from: string, to: string) => Date.parse(to) - Date.parse(from);

/**
 * Pure: groups a cluster timeline (any order; each event once) into incidents, oldest first.
 * A node leaving the membership opens one (every member that saw it leave adds its event to the
 * same incident), so does a group giving up on a node after its restarts. The groups the node
 * owned (from the last placement) must each be served elsewhere, or on the node once it is back,
 * for the incident to resolve; a node that owned nothing resolves when it is back.
 *
 * A node that was only cut off for a moment (its agent kept running, as its own membership events
 * show) and stopped none of its groups kept serving them: back, its incident resolves with those
 * groups down for 0 s. A node lost again after it came back opens a new incident: the previous one
 * ends at its return, whatever it still waited for (a failure is never hidden in an older one).
 */
export function groupIncidents(timeline: readonly ClusterEvent[]): Incident[] {
  const events = [...timeline].sort((a, b) => a.at.localeCompare(b.at) || a.origin.localeCompare(b.origin) || a.id - b.id);
  const owners = new Map<string, string | null>();
  const incidents: Incident[] = [];
  const open = () => incidents.filter((i) => i.resolvedAt === null);
  const lostNode = (node: string) => open().find((i) => i.trigger.kind === 'node-lost' && i.trigger.node === node);
  const attach = (i: Incident, e: ClusterEvent) => {
    if (!i.events.includes(key(e))) i.events.push(key(e));
  };
  const groupsOn = (node: string) => [...owners].filter(([, n]) => n === node).map(([g]) => g);
  const start = (e: ClusterEvent, trigger: IncidentTrigger, groups: string[]) => {
    incidents.push({ id: key(e), trigger, openedAt: e.at, resolvedAt: null, fences: [], groups: groups.map((group) => lostGroup(group, trigger.node)), events: [key(e)] });
  };
  /** When each lost node came back (open incidents only), and what each node itself recorded. */
  const returnedAt = new Map<Incident, string>();
  const stoppedSince = (node: string, group: string, since: string) =>
    events.some((e) => e.code === 'resource.stopped' && e.origin === node && e.params.group === group && Date.parse(e.at) >= Date.parse(since) - SPLIT_SLACK_MS);
  /** Its agent ran while the others saw it gone: it recorded its own view of the split. */
  const keptRunning = (node: string, from: string, to: string) =>
    events.some((e) => e.origin === node && (e.code === 'quorum.lost' || (e.code === 'node.left' && e.params.node !== node)) && Date.parse(e.at) >= Date.parse(from) - SPLIT_SLACK_MS && e.at <= to);
  const allServed = (i: Incident) => i.groups.length > 0 && i.groups.every((g) => g.servedAt !== null);
  const lastServed = (i: Incident) =>
    i.groups
      .map((g) => g.servedAt ?? '')
      .sort()
      .at(-1) ?? null;

  for (const e of events) {
    switch (e.code) {
      case 'node.left': {
        const existing = lostNode(e.params.node);
        // A slow member may record the same short loss after another recorded the return: that is not a new loss.
        const returned = existing && returnedAt.get(existing);
        const back = returned && Date.parse(e.at) - Date.parse(returned) > SPLIT_SLACK_MS ? returned : null;
        if (existing && back) existing.resolvedAt = back;
        // What the recorder's config placed there: the dead leader's placement event may never have reached us.
        const groups = [...new Set([...groupsOn(e.params.node), ...(e.params.groups ?? [])])];
        if (existing && !back) {
          attach(existing, e);
          for (const group of groups) if (!existing.groups.some((g) => g.group === group)) existing.groups.push(lostGroup(group, e.params.node));
        } else start(e, { kind: 'node-lost', node: e.params.node }, groups);
        break;
      }
      case 'node.joined': {
        const i = lostNode(e.params.node);
        if (!i) break;
        attach(i, e);
        if (!returnedAt.has(i)) returnedAt.set(i, e.at);
        // Back with nothing to serve: over. Groups not moved meanwhile are served again once they start there.
        if (i.groups.length === 0) i.resolvedAt = e.at;
        const stayedUp = keptRunning(e.params.node, i.openedAt, e.at);
        for (const g of i.groups) {
          if (g.to !== null) continue;
          g.to = e.params.node;
          if (stayedUp && !stoppedSince(e.params.node, g.group, i.openedAt)) Object.assign(g, { servedAt: e.at, downtimeMs: 0 });
        }
        break;
      }
      case 'health.gave-up': {
        if (!open().some((i) => i.trigger.kind === 'group-failed' && i.trigger.group === e.params.group && i.trigger.node === e.params.node))
          start(e, { kind: 'group-failed', group: e.params.group, node: e.params.node }, [e.params.group]);
        break;
      }
      case 'fence.confirmed':
      case 'fence.failed': {
        const i = lostNode(e.params.node);
        if (!i) break;
        attach(i, e);
        i.fences.push({ node: e.params.node, device: e.params.device, ok: e.code === 'fence.confirmed', ms: e.params.ms, at: e.at });
        break;
      }
      case 'fence.watchdog-confirmed': {
        const i = lostNode(e.params.node);
        if (!i) break;
        attach(i, e);
        i.fences.push({ node: e.params.node, device: 'watchdog', ok: true, ms: e.params.waitedMs, at: e.at });
        break;
      }
      case 'fence.departed-fenced':
      case 'fence.departed-not-fenced': {
        const i = lostNode(e.params.node);
        if (i) attach(i, e);
        break;
      }
      case 'placement.changed': {
        for (const [group, node] of Object.entries(e.params.assignments)) {
          owners.set(group, node);
          for (const i of open()) {
            const g = i.groups.find((x) => x.group === group && x.servedAt === null);
            if (!g || node === null) continue;
            // A failed group must leave its node; a lost node's group may also come back to it.
            if (i.trigger.kind === 'group-failed' && node === g.from) continue;
            g.to = node;
            attach(i, e);
          }
        }
        break;
      }
      case 'resource.started': {
        for (const i of open()) {
          const g = i.groups.find((x) => x.group === e.params.group && x.to === e.params.node);
          if (!g) continue;
          // The group's resources start one after the other: served once the last one did.
          g.servedAt = e.at;
          g.downtimeMs = ms(i.openedAt, e.at);
          attach(i, e);
        }
        break;
      }
      default:
        break;
    }
    // A group's resources start one after the other: it is served once the last one did, i.e. at the next other event.
    for (const i of open()) if (e.code !== 'resource.started' && allServed(i)) i.resolvedAt = lastServed(i);
  }
  for (const i of open()) if (allServed(i)) i.resolvedAt = lastServed(i);
  return incidents;
}
