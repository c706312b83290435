/**
 * The lab's power controller: an HTTP "PDU" on the bridge (192.0.2.254:7700) that the lab
 * fence agent (bin/fence_sfha_lab) drives, as fence_ipmilan drives a BMC.
 *   GET  /power/nodeN        → {"node":"nodeN","state":"on"|"off"}
 *   POST /power/nodeN/off    → every process of the host killed, its link down
 *   POST /power/nodeN/on     → link up, the host's agent started
 * Runs in the bridge network namespace (with the machine's mounts, to reach the hosts).
 */
import { createServer } from 'node:http';
import { powerOff, powerOn, powerState } from './lab';
import { BRIDGE_IP, hostIndex, POWER_PORT } from './lab-layout';

const server = createServer((req, res) => {
  const reply = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
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
process.on('SIGTERM', () => process.exit(0));
