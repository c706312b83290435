import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formCluster, lanClient, until } from './cluster-helpers';
import { LAB_BIN_DIR } from './lab-layout';
import { lab, labOk, sfha, sfhaJson } from './lab-runner';
import { startVipChecker } from './vip-checker-run';

/**
 * Constraints between groups, on 3 real hosts: `app` is colocated with `db` and ordered after it;
 * `other` must stay off db's node. Each group is a LAN VIP and a web service that answers with
 * the name of the node it runs on; db's service takes 1.8 s before it serves (health-checked).
 */
const GROUPS = { db: { vip: '192.0.2.110', port: 8110 }, app: { vip: '192.0.2.111', port: 8111 }, other: { vip: '192.0.2.112', port: 8112 } };
type Name = keyof typeof GROUPS;
const NODES = ['node1', 'node2', 'node3'];
interface Event {
  id: number;
  at: string;
  category: string;
  message: string;
}
interface Constraint {
  id: string;
  kind: string;
}

/** Who serves the group's service through its VIP, seen from a client on the LAN. */
const servedBy = (group: Name) => lanClient(GROUPS[group].vip, GROUPS[group].port);
const timeline = (node: string) => sfhaJson<Event[]>(node, 'events', '--local', '--limit', '500').sort((a, b) => a.id - b.id);
const firstIndex = (events: Event[], text: string, after = -1) => events.findIndex((e, i) => i > after && e.message.startsWith(text));
const constraints = () => sfhaJson<Constraint[]>('node3', 'constraints').map((c) => c.id);
/** Each node's latest event id (ids are per node: each keeps its own timeline). */
const latestIds = () => Object.fromEntries(NODES.map((n) => [n, timeline(n).at(-1)?.id ?? 0]));
/** What db and app did on a node, for failure messages. */
const story = (events: Event[]) =>
  events
    .filter((e) => /^(db|app)\b/.test(e.message))
    .map((e) => `${e.id} ${e.at} ${e.message}`)
    .join('\n');
/** db, then app, started on NODE after the given event id: the dependency first, app only once db is healthy. */
function expectOrderedStart(node: string, sinceId: number) {
  const events = timeline(node).filter((e) => e.id > sinceId);
  const dbStarted = firstIndex(events, `db/db-process started on ${node}`);
  const dbHealthy = firstIndex(events, `db/db-process is healthy on ${node}`);
  const appStarted = firstIndex(events, `app/app-vip started on ${node}`);
  expect(dbStarted >= 0 && dbStarted < dbHealthy && dbHealthy < appStarted, story(events)).toBe(true);
  return Date.parse(events[appStarted]?.at ?? '') - Date.parse(events[dbStarted]?.at ?? '');
}

let checker: ReturnType<typeof startVipChecker> | undefined;
let survivor = 'node1';
const figures: Record<string, number> = {};

beforeAll(async () => {
  await formCluster();
  sfhaJson('node1', 'config', 'set', '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '5000');
  sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--host', 'node1=node1', '--host', 'node2=node2', '--host', 'node3=node3');
  // Groups and constraints are set up in maintenance mode, so the first placement already follows the constraints.
  sfhaJson('node1', 'maintenance', 'on');
  const set = (name: Name, prefer: string, ...extra: string[]) =>
    sfhaJson(
      'node1',
      'resources',
      'group-set',
      name,
      '--vip',
      `${GROUPS[name].vip}/24`,
      '--process',
      `${LAB_BIN_DIR}/lab-web-server ${GROUPS[name].port}${name === 'db' ? ' 1800' : ''}`,
      ...extra,
      '--prefer',
      prefer,
    );
  set('db', 'node1', '--health-http', `http://127.0.0.1:${GROUPS.db.port}/`);
  set('app', 'node3'); // its anchor's preference wins
  set('other', 'node1'); // must yield: db is there
  checker = startVipChecker(
    Object.values(GROUPS).map((g) => g.vip),
    3,
    'constraints',
  );
});

afterAll(async () => {
  await checker?.stop();
  lab('down');
});

describe('constraints between groups', () => {
  it('adds constraints and refuses wrong ones with a clear 400, changing nothing', () => {
    expect(sfhaJson<Constraint>('node2', 'constraints', 'add', 'colocation', 'app', 'db')).toMatchObject({ id: 'colocation:app:db' });
    sfhaJson('node3', 'constraints', 'add', 'order', 'db', 'app');
    sfhaJson('node1', 'constraints', 'add', 'anti-colocation', 'other', 'db');
    const refusals: [string[], string][] = [
      [['order', 'app', 'db'], 'cycle: app then db then app'],
      [['colocation', 'db', 'app'], 'cycle: db with app with db'],
      [['anti-colocation', 'app', 'db'], 'contradiction: app and db would have to run together'],
      [['colocation', 'app', 'nosuch'], 'no group named nosuch (groups: app, db, other)'],
      [['colocation', 'other', 'other'], 'a group cannot be constrained with itself (other)'],
    ];
    for (const [args, message] of refusals) {
      const run = sfha('node2', 'constraints', 'add', ...args);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('(HTTP 400, VALIDATION_FAILED)');
      expect(run.stderr).toContain(message);
    }
    const removeDb = sfha('node1', 'resources', 'group-remove', 'db');
    expect(removeDb.stderr).toContain('group db is used by constraint(s) colocation:app:db, order:db:app, anti-colocation:other:db: remove them first');
    expect(sfha('node1', 'constraints', 'remove', 'order:app:db').stderr).toContain('(HTTP 404, NOT_FOUND)');
    expect(constraints()).toEqual(['colocation:app:db', 'order:db:app', 'anti-colocation:other:db']);
    expect(sfhaJson<{ name: string }[]>('node2', 'resources').map((g) => g.name)).toEqual(['app', 'db', 'other']);
  });

  it('places colocated groups together and the anti-colocated one apart; app starts only once db is up', async () => {
    const since = latestIds();
    sfhaJson('node1', 'maintenance', 'off');
    await until('db and app served by node1, other elsewhere', () => servedBy('db') === 'node1' && servedBy('app') === 'node1' && ['node2', 'node3'].includes(servedBy('other') ?? ''), 60_000);
    figures.appAfterDbMs = expectOrderedStart('node1', since.node1 ?? 0);
    expect(timeline('node1').some((e) => e.id > (since.node1 ?? 0) && e.message.startsWith('app waiting for group db (order) before starting on node1'))).toBe(true);
  });

  it('moves the colocated set when its anchor is moved: app stops before db, db starts before app; other stays apart', async () => {
    const other = servedBy('other') ?? '';
    const target = other === 'node2' ? 'node2' : 'node3'; // onto other's node: it has to make room
    const since = latestIds();
    const movedAt = Date.now();
    sfhaJson('node2', 'failover', 'db', target);
    await until(`db and app on ${target}, other off it`, () => servedBy('db') === target && servedBy('app') === target && ![target, null].includes(servedBy('other')), 60_000);
    figures.moveBothMs = Date.now() - movedAt;
    const stops = timeline('node1').filter((e) => e.id > (since.node1 ?? 0));
    // Each group stops in reverse: app's VIP is its last resource to stop, db's process its first.
    const appStopped = firstIndex(stops, 'app/app-vip stopped on node1');
    const dbStopped = firstIndex(stops, 'db/db-process stopped on node1');
    expect(appStopped >= 0 && dbStopped > appStopped, story(stops)).toBe(true);
    figures.moveAppAfterDbMs = expectOrderedStart(target, since[target] ?? 0);
    sfhaJson('node2', 'failover', '--clear', 'db');
  });

  it('when the owner dies, both come up together on a survivor after the fence, still apart from other', async () => {
    const owner = servedBy('db') ?? '';
    const survivors = NODES.filter((n) => n !== owner);
    const since = latestIds();
    survivor = survivors[0] ?? 'node1';
    const killedAt = Date.now();
    labOk('kill', owner);
    await until(
      'db and app together on a survivor, other on the other one',
      () => {
        const db = servedBy('db');
        return survivors.includes(db ?? '') && servedBy('app') === db && survivors.includes(servedBy('other') ?? '') && servedBy('other') !== db;
      },
      90_000,
    );
    figures.failoverBothMs = Date.now() - killedAt;
    const newOwner = servedBy('db') ?? '';
    const fence = sfhaJson<{ node: string; action: string; ok: boolean }[]>(survivor, 'stonith', 'history').find((e) => e.node === owner && e.action === 'off');
    expect(fence).toMatchObject({ ok: true });
    figures.failoverAppAfterDbMs = expectOrderedStart(newOwner, since[newOwner] ?? 0);
  });

  it('removes constraints; then a group they named can be removed', () => {
    for (const id of ['colocation:app:db', 'order:db:app', 'anti-colocation:other:db']) expect(sfha(survivor, 'constraints', 'remove', id).code).toBe(0);
    expect(sfhaJson<Constraint[]>(survivor, 'constraints')).toEqual([]);
    expect(sfha(survivor, 'resources', 'group-remove', 'other').code).toBe(0);
  });

  it('never had two hosts holding one VIP at once (sampled every 50 ms)', async () => {
    if (!checker) throw new Error('the VIP checker never started');
    const report = await checker.stop();
    process.stdout.write(`constraints: ${JSON.stringify(figures)}; VIP checker: ${report.samples} samples\n`);
    expect(report.samples).toBeGreaterThan(200);
    expect(report.violations).toEqual([]);
  });
});
