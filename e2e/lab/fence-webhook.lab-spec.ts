import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formCluster, holders, host, lanClient, until } from './cluster-helpers';
import { BRIDGE_IP, hostDir, LAB_BIN_DIR, LAB_WEBHOOK_TOKEN, POWER_PORT } from './lab-layout';
import { lab, labOk, sfha, sfhaJson, sfhaOutputs } from './lab-runner';
import { sleep } from './lab-system';
import { startVipChecker } from './vip-checker-run';

const VIP = '192.0.2.102';
const PORT = 8082;
const WEBHOOK = `http://${BRIDGE_IP}:${POWER_PORT}/webhook`;
const NODES = ['node1', 'node2', 'node3'];

interface Device {
  name: string;
  kind: string;
  agent: string | null;
  webhook: { url: string; headers: Record<string, string> } | null;
}
interface FencingStatus {
  enabled: boolean;
  devices: Device[];
  nodes: { node: string; device: string | null; power: string }[];
}
interface FenceEvent {
  node: string;
  action: string;
  device: string;
  ok: boolean;
  requestedBy: string;
  output: string;
  startedAt: string;
}
interface TimelineEvent {
  id: number;
  category: string;
  message: string;
}

const client = () => lanClient(VIP, PORT);
// The token is read from a file (--header-file), not from the command line.
const HEADER_FILE = join(hostDir('node2'), 'webhook-headers');
const hostMap = NODES.flatMap((n) => ['--host', `${n}=${n}`]);
const setWebhook = (path: string, ...extra: string[]) =>
  sfhaJson<Device>('node2', 'stonith', 'device-set', 'pdu', '--webhook', `${WEBHOOK}${path}`, '--header-file', HEADER_FILE, ...hostMap, ...extra);
const leaderFences = (of: string) => sfhaJson<FenceEvent[]>('node2', 'stonith', 'history').filter((e) => e.node === of && e.requestedBy === 'leader');

let checker: ReturnType<typeof startVipChecker> | undefined;

beforeAll(async () => {
  await formCluster();
  writeFileSync(HEADER_FILE, `# the lab power controller\nAuthorization: Bearer ${LAB_WEBHOOK_TOKEN}\n`, { mode: 0o600 });
  // Failed attempts count towards the storm limit too: room for the refused cases, then the one that works.
  sfhaJson('node1', 'config', 'set', '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '3000', '--fence-storm-limit', '10');
  checker = startVipChecker([VIP], 3, 'webhook');
});

afterAll(() => {
  // Down even when the lab never came up (no checker then).
  void checker?.stop().catch(() => undefined);
  lab('down');
});

describe('STONITH through a webhook (the lab power controller speaking the webhook protocol)', () => {
  it('refuses a bad webhook device, naming each problem, and changes nothing', () => {
    const run = sfha('node1', 'stonith', 'device-set', 'pdu', '--webhook', 'ftp://192.0.2.254/x', '--header', 'Content-Type: text/plain', '--host', 'node9=node9');
    expect(run.stderr).toContain('(HTTP 400, VALIDATION_FAILED)');
    expect(run.stderr).toContain('webhook url must be http:// or https://, not ftp://');
    expect(run.stderr).toContain('webhook header Content-Type is set by sfha');
    expect(run.stderr).toContain('hostMap: node9 is not a member');
    expect(sfha('node1', 'stonith', 'device-set', 'pdu', '--webhook', 'http://admin:pw@192.0.2.254/', '--host', 'node1=node1').stderr).toContain('webhook url must not carry credentials');
    expect(sfha('node1', 'stonith', 'fence', 'node3').stderr).toContain('(HTTP 409, NO_FENCE_DEVICE)');
    // Headers Node's fetch would refuse at every fence, a value past ASCII, a mask with nothing stored behind it.
    const refused = sfha(
      'node1',
      'stonith',
      'device-set',
      'pdu',
      '--webhook',
      WEBHOOK,
      '--header',
      'Upgrade: h2c',
      '--header',
      'X-Site: Zürich €',
      '--header',
      'Authorization: ********',
      '--host',
      'node1=node1',
    );
    expect(refused.stderr).toContain('webhook header Authorization is "********" but no value is stored for it: send the value itself');
    expect(refused.stderr).toContain('webhook header Upgrade is set by sfha');
    expect(refused.stderr).toContain('webhook header X-Site must be a non-empty value of visible ASCII characters, spaces or tabs');
    // An unparsable URL is not echoed (it may carry a token).
    const badUrl = sfha('node1', 'stonith', 'device-set', 'pdu', '--webhook', `not a url?key=${LAB_WEBHOOK_TOKEN}`, '--host', 'node1=node1');
    expect(badUrl.stderr).toContain('webhook url is not a URL');
    expect(badUrl.stderr).not.toContain(LAB_WEBHOOK_TOKEN);
    expect(sfhaJson<FencingStatus>('node1', 'stonith', 'status').devices).toEqual([]);
  });

  it('configures a webhook device for the three nodes; its Authorization header and URL query are never shown back', async () => {
    const masked = `${WEBHOOK}?key=********`;
    expect(setWebhook(`?key=${LAB_WEBHOOK_TOKEN}`)).toMatchObject({ name: 'pdu', kind: 'webhook', agent: null, webhook: { url: masked, headers: { Authorization: '********' } } });
    // Sent back masked (as the dashboard's form does), the stored URL and header stay.
    expect(sfhaJson<Device>('node2', 'stonith', 'device-set', 'pdu', '--webhook', masked, '--header', 'Authorization: ********', ...hostMap).webhook?.url).toBe(masked);
    // The status is asked through the webhook: the controller answers 401 without the header or with another ?key=.
    await until('node3 to read every node’s power through the webhook', () => sfhaJson<FencingStatus>('node3', 'stonith', 'status').nodes.every((n) => n.device === 'pdu' && n.power === 'on'));
    expect(sfhaJson<FencingStatus>('node3', 'stonith', 'status').devices[0]?.webhook?.url).toBe(masked);
  });

  it('runs a VIP and a web service on node1; the client reaches it', async () => {
    sfhaJson('node2', 'resources', 'group-set', 'web', '--vip', `${VIP}/24`, '--process', `${LAB_BIN_DIR}/lab-web-server ${PORT}`, '--prefer', 'node1');
    await until('the client to reach node1 through the VIP', () => client() === 'node1');
  });

  it('refused: the owner dies, the webhook answers 500, hangs, then accepts off (202) but the power stays on: no fence confirmed, so no takeover', async () => {
    setWebhook('/broken');
    await until('node3 to have the broken URL', () => sfhaJson<FencingStatus>('node3', 'stonith', 'status').devices[0]?.webhook?.url === `${WEBHOOK}/broken`);
    labOk('kill', 'node1');
    await until('the leader to try to fence node1', () => leaderFences('node1').length > 0, 60_000);
    expect(leaderFences('node1')[0]).toMatchObject({ action: 'off', device: 'pdu', ok: false, output: 'HTTP 500: {"error":"controller failure"}' });
    setWebhook('/hang', '--timeout', '2');
    await until('a second attempt that times out', () => leaderFences('node1').some((e) => e.output === 'no answer from the webhook in 2000 ms'), 40_000);
    setWebhook('/ignores', '--timeout', '2');
    await until(
      'an attempt the controller accepts without powering off',
      () => leaderFences('node1').some((e) => e.output.startsWith('HTTP 202 but the power was not off within 2000 ms (last status: HTTP 200: on')),
      40_000,
    );
    expect(leaderFences('node1').every((e) => !e.ok)).toBe(true);
    // node1 is hung, not off: it still has the VIP on its link, and nobody else took it.
    expect(holders(VIP, 'eth0', NODES)).toEqual(['node1']);
    expect(client()).toBeNull();
    const timeline = sfhaJson<TimelineEvent[]>('node2', 'events', '--limit', '200');
    expect(timeline.some((e) => e.message.startsWith('node1 left while owning resources and could not be fenced: its groups stay stopped'))).toBe(true);
    expect(timeline.some((e) => /^placement: web → node[23]$/.test(e.message))).toBe(false);
  });

  it('once the webhook works, the leader fences node1 through it, then the service starts elsewhere', async () => {
    const fixedAt = Date.now();
    setWebhook('');
    await until('the client to be served by node2 or node3', () => ['node2', 'node3'].includes(client() ?? ''), 60_000);
    process.stdout.write(`webhook fence: service back ${Date.now() - fixedAt} ms after the device was fixed\n`);
    expect(leaderFences('node1')[0]).toMatchObject({ action: 'off', device: 'pdu', ok: true, output: 'HTTP 200; status: off' });
    // The VIP checker's `ip -n node1` runs inside node1 for a few ms every 50 ms: wait for a quiet moment.
    await until('no process left on node1', () => host('node1')?.processes === 0, 15_000);
    const timeline = sfhaJson<TimelineEvent[]>('node2', 'events', '--local', '--limit', '200');
    const fenced = timeline.find((e) => e.category === 'fencing' && e.message.startsWith('node1 fenced (off): confirmed'));
    const placed = timeline.find((e) => e.category === 'resource' && /^placement: web → node[23]$/.test(e.message));
    expect(fenced && placed && fenced.id < placed.id).toBe(true);
    await sleep(4_000); // past the minimum delay: unfence through the webhook too
    expect(sfhaJson<FenceEvent>('node2', 'stonith', 'unfence', 'node1')).toMatchObject({ action: 'on', ok: true, device: 'pdu' });
    await until('node1 to be reported on', () => sfhaJson<FencingStatus>('node2', 'stonith', 'status').nodes.find((n) => n.node === 'node1')?.power === 'on');
  });

  it('never had two hosts holding the VIP, and the webhook secret appears in no answer or log', async () => {
    if (!checker) throw new Error('the VIP checker never started');
    const report = await checker.stop();
    expect(report.samples).toBeGreaterThan(200);
    expect(report.violations).toEqual([]);
    const logs = NODES.map((n) => readFileSync(join(hostDir(n), 'agent.log'), 'utf8'));
    expect([...sfhaOutputs, ...logs].join('\n')).not.toContain(LAB_WEBHOOK_TOKEN);
  });

  it('fencing levels: a failing first device hands over to the next; bad levels are refused and change nothing', async () => {
    sfhaJson('node2', 'config', 'set', '--fence-storm-limit', '100');
    setWebhook('/broken');
    sfhaJson('node2', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', ...hostMap);
    interface Level {
      node: string;
      devices: string[];
      custom: boolean;
    }
    // Default: every device naming the node, by name.
    expect(sfhaJson<Level[]>('node2', 'stonith', 'level').find((l) => l.node === 'node3')).toEqual({ node: 'node3', devices: ['lab', 'pdu'], custom: false });
    const unknown = sfha('node2', 'stonith', 'level', 'node3', 'pdu', 'ipmi');
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining('(HTTP 400, VALIDATION_FAILED): no fence device named ipmi (devices: lab, pdu)')]);
    expect(sfha('node2', 'stonith', 'level', 'node3', 'pdu', 'pdu').stderr).toContain('pdu is listed twice');
    expect(sfha('node2', 'stonith', 'level', 'node9', 'pdu').stderr).toContain('(HTTP 404, MEMBER_NOT_FOUND): no member named node9');
    expect(sfhaJson<Level[]>('node3', 'stonith', 'level').find((l) => l.node === 'node3')?.custom).toBe(false);

    expect(sfhaJson<Level[]>('node2', 'stonith', 'level', 'node3', 'pdu', 'lab').find((l) => l.node === 'node3')).toEqual({ node: 'node3', devices: ['pdu', 'lab'], custom: true });
    await until('node3 to have the levels', () => sfhaJson<Level[]>('node3', 'stonith', 'level').find((l) => l.node === 'node3')?.custom === true);
    await sleep(4_000); // past the minimum delay since the last fence
    const fence = sfhaJson<FenceEvent>('node2', 'stonith', 'fence', 'node3');
    expect(fence).toMatchObject({ node: 'node3', action: 'off', device: 'lab', ok: true });
    const [last, before] = sfhaJson<FenceEvent[]>('node2', 'stonith', 'history').filter((e) => e.node === 'node3');
    expect(last).toMatchObject({ device: 'lab', ok: true });
    expect(before).toMatchObject({ device: 'pdu', ok: false, output: 'HTTP 500: {"error":"controller failure"}' });
    await until('node3 powered off', () => host('node3')?.processes === 0, 15_000);

    // Both failing: the fence fails, naming each device.
    await sleep(4_000);
    sfhaJson('node2', 'stonith', 'level', 'node3', '--clear');
    sfhaJson('node2', 'stonith', 'level', 'node3', 'pdu');
    const refused = sfha('node2', 'stonith', 'unfence', 'node3');
    expect(refused.stderr).toContain('(HTTP 502, FENCE_FAILED)');
    sfhaJson('node2', 'stonith', 'level', 'node3', '--clear');
    expect(sfhaJson<FenceEvent>('node2', 'stonith', 'unfence', 'node3')).toMatchObject({ action: 'on', device: 'lab', ok: true });
  });
});
