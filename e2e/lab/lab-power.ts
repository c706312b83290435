/**
 * The lab's power controller: an HTTP "PDU" on the bridge (192.0.2.254:7700) that the lab
 * fence agent (bin/fence_sfha_lab) drives, as fence_ipmilan drives a BMC.
 *   GET  /power/nodeN        → {"node":"nodeN","state":"on"|"off"}
 *   POST /power/nodeN/off    → every process of the host killed, its link down
 *   POST /power/nodeN/on     → link up, the host's agent started
 * It also speaks sfha's webhook fence protocol (libs/ha/src/fence-webhook.ts):
 *   POST /webhook {action: off|on|reboot|status, plug: nodeN, …} with
 *        `Authorization: Bearer ${LAB_WEBHOOK_TOKEN}` → 200 {node, power}, 401 without it
 *        (or with a `?key=` query that is not the token either)
 *   POST /webhook/broken → 500 (a controller that fails), /webhook/hang → never answers,
 *   POST /webhook/ignores → 202 to off/on/reboot but does nothing (status stays truthful)
 * Runs in the bridge network namespace (with the machine's mounts, to reach the hosts), and
 * serves the lab's DNS resolver there too (lab-resolver.ts).
 */
import { createServer, type IncomingMessage } from 'node:http';
import { powerOff, powerOn, powerState } from './lab';
import { BRIDGE_IP, hostIndex, LAB_WEBHOOK_TOKEN, POWER_PORT } from './lab-layout';
import { startLabResolver } from './lab-resolver';

async function webhook(action: string, node: string): Promise<{ node: string; power: 'on' | 'off' }> {
  if (action === 'off') await powerOff(node);
  else if (action === 'on') await powerOn(node);
  else if (action === 'reboot') {
    await powerOff(node);
    await powerOn(node);
  }
  return { node, power: await powerState(node) };
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });

const server = createServer((req, res) => {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://lab');
  if (pathname.startsWith('/webhook')) {
    if (pathname === '/webhook/hang') return; // a controller that never answers: the caller's timeout decides
    if (pathname === '/webhook/broken') return reply(500, { error: 'controller failure' });
    if (req.headers.authorization !== `Bearer ${LAB_WEBHOOK_TOKEN}`) return reply(401, { error: 'bad or missing Authorization' });
    if (searchParams.has('key') && searchParams.get('key') !== LAB_WEBHOOK_TOKEN) return reply(401, { error: 'bad ?key=' });
    readBody(req)
      .then((text) => {
        const { action = '', plug = '' } = JSON.parse(text || '{}') as { action?: string; plug?: string };
        if (hostIndex(plug) === null) return reply(404, { error: `no lab host ${plug}` });
        if (!['off', 'on', 'reboot', 'status'].includes(action)) return reply(400, { error: `unknown action ${action}` });
        if (pathname === '/webhook/ignores' && action !== 'status') return reply(202, { accepted: action });
        return webhook(action, plug).then((answer) => reply(200, answer));
      })
      .catch((error: unknown) => reply(500, { error: (error as Error).message }));
    return;
  }
  const match = /^\/power\/(node\d+)(?:\/(on|off))?$/.exec(req.url ?? '');
  const node = match?.[1];
  if (!match || !node || hostIndex(node) === null) return reply(404, { error: 'use /power/nodeN[/on|off]' });
  const action = match[2];
  const work = async () => {
    if (req.method === 'GET' && !action) return reply(200, { node, state: await powerState(node) });
    if (req.method === 'POST' && action === 'off') return reply(200, { node, state: 'off', killed: await powerOff(node) });
    if (req.method === 'POST' && action === 'on') {
      await powerOn(node);
      return reply(200, { node, state: 'on' });
    }
    return reply(405, { error: 'GET /power/nodeN, POST /power/nodeN/on|off' });
  };
  work().catch((error: unknown) => reply(500, { error: (error as Error).message }));
});
server.listen(POWER_PORT, BRIDGE_IP);
startLabResolver();
process.on('SIGTERM', () => process.exit(0));
