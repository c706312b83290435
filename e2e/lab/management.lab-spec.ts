/**
 * The management address (issue 12 §6): one floating LAN address held by the quorate leader,
 * where the dashboard and the API answer whichever node is lost. Reached from the lab's LAN
 * (the bridge namespace), as an admin's browser or script on the LAN would.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formCluster, holders, online, until } from './cluster-helpers';
import { AGENT_PORT, BRIDGE_NS, LAB_MANAGEMENT_ADDRESS, netnsPath } from './lab-layout';
import { lab, labOk, sfha, sfhaJson } from './lab-runner';
import { startVipChecker } from './vip-checker-run';

const MGMT = LAB_MANAGEMENT_ADDRESS;
const NODES = ['node1', 'node2', 'node3'];

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** A request to the management address from the LAN; status 0 when nobody answers. */
function onLan(method: string, path: string, body?: unknown, token?: string): Answer {
  const args = ['-s', '-m', '3', '-w', '\n%{http_code}', '-X', method, '-H', 'content-type: application/json'];
  if (token) args.push('-H', `authorization: Bearer ${token}`);
  if (body !== undefined) args.push('--data-binary', JSON.stringify(body));
  try {
    const text = execFileSync('nsenter', [`--net=${netnsPath(BRIDGE_NS)}`, 'curl', ...args, `http://${MGMT}:${AGENT_PORT}/api/v1${path}`], { encoding: 'utf8' });
    const cut = text.lastIndexOf('\n');
    const payload = text.slice(0, cut);
    return { status: Number(text.slice(cut + 1)), body: payload ? (JSON.parse(payload) as Record<string, unknown>) : {} };
  } catch {
    return { status: 0, body: {} };
  }
}
/** Which node answers on the management address, with this session. */
const answering = (token: string) => {
  const answer = onLan('GET', '/status', undefined, token);
  return answer.status === 200 ? (answer.body.nodeName as string) : null;
};

beforeAll(async () => {
  await formCluster();
}, 600_000);

afterAll(() => {
  lab('down');
});

describe('management address', () => {
  let session = '';

  it('refuses bad addresses with one clear line, and changes nothing', () => {
    const bad = sfha('node2', 'config', 'set', '--management-address', '192.0.2.300/24');
    expect([bad.code, bad.stderr]).toEqual([1, expect.stringContaining('(HTTP 400, VALIDATION_FAILED): managementAddress.address must be an IPv4 address with a prefix')]);
    const junk = sfha('node2', 'config', 'set', '--management-address', 'somewhere');
    expect(junk.code).not.toBe(0);
    expect(junk.stderr.trim().split('\n')).toHaveLength(1);
    expect(sfhaJson<{ settings: { managementAddress: unknown } }>('node3', 'config', 'show').settings.managementAddress).toBeNull();
  });

  it('is held by the leader only; a session opened there is the cluster’s', async () => {
    sfhaJson('node2', 'config', 'set', '--management-address', `${MGMT}/24@eth0`);
    await until('the management address to answer', () => onLan('GET', '/health').status === 200, 30_000);
    expect(holders(MGMT, 'eth0', NODES)).toEqual(['node1']);
    const { password } = sfhaJson<{ password: string }>('node1', 'user', 'add', 'mona', '--role', 'viewer');
    const login = onLan('POST', '/auth/login', { username: 'mona', password });
    expect(login.status).toBe(200);
    session = login.body.accessToken as string;
    expect(answering(session)).toBe('node1');
    const status = sfhaJson<{ managementAddress: { address: string; holder: string } }>('node3', 'status');
    expect(status.managementAddress).toMatchObject({ address: `${MGMT}/24`, interface: 'eth0', holder: 'node1' });
    expect(sfha('node3', 'status').stdout).toContain(`${MGMT}/24 on eth0, held by node1 (the leader)`);
  });

  it('follows the leader when it dies: the same session goes on at the same URL, never two holders', async () => {
    const checker = startVipChecker([MGMT], 3, 'management');
    const killed = Date.now();
    labOk('kill', 'node1');
    await until('node2 to answer on the management address', () => answering(session) === 'node2', 60_000);
    process.stdout.write(`management address: node2 answered ${Date.now() - killed} ms after node1 was killed, same session\n`);
    const report = await checker.stop();
    expect(report.samples).toBeGreaterThan(5); // every 50 ms on an idle machine, far fewer on a loaded one
    // node1 is powered off from the kill on (before it nobody else held it): the address left on its
    // dead host's link for a moment after the kill is no holder (in the final run, two samples in
    // the first 400 ms, while node2 had already taken it: no fence wait for this address). Any other pair is.
    expect(report.violations.filter((v) => !v.holders.includes('node1'))).toEqual([]);
    expect(holders(MGMT, 'eth0', ['node2', 'node3'])).toEqual(['node2']);
    labOk('start', 'node1');
    await until('node1 back', () => online('node2').length === 3, 90_000);
    // node1 leads again (lowest id): the address follows it back.
    await until('node1 to answer again', () => answering(session) === 'node1', 60_000);
    expect(holders(MGMT, 'eth0', NODES)).toEqual(['node1']);
  });

  it('a group cannot take it as its VIP; removing the setting lets it go', async () => {
    const taken = sfha('node2', 'resources', 'group-set', 'web', '--vip', `${MGMT}/24`);
    expect([taken.code, taken.stderr]).toEqual([1, expect.stringContaining(`web: ${MGMT} is the cluster's management address`)]);
    sfhaJson('node2', 'config', 'set', '--management-address', 'none');
    await until('nobody to hold it', () => holders(MGMT, 'eth0', NODES).length === 0, 30_000);
    expect(onLan('GET', '/health').status).toBe(0);
  });
});
