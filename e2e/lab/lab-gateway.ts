/**
 * The machine's only way into the lab, over loopback.
 *
 * The machine's own network may use 192.0.2.0/24 (it does on the build machines: the
 * default gateway is 192.0.2.1), so the lab never routes that range from the machine.
 * Instead two halves of this gateway, joined by Unix sockets (which ignore network
 * namespaces), relay TCP:
 *   machine   127.0.0.1:(FIRST_PORT+i-1)  →  SOCKDIR/node<i>.sock        (run in the root namespace)
 *   bridge    SOCKDIR/node<i>.sock         →  192.0.2.<i>:7780            (run in the lab's bridge namespace)
 * the demo's floating service: 127.0.0.1:VIP_PORT → SOCKDIR/vip.sock → 192.0.2.100:8080, and the
 * cluster's management address: 127.0.0.1:MGMT_PORT → SOCKDIR/management.sock → 192.0.2.60:7780.
 * The default lab's ports are 7781…, 7880 and 7881; a named lab has its own (lab-layout.ts).
 */
import { rmSync } from 'node:fs';
import { connect, createServer, type Socket } from 'node:net';
import { join } from 'node:path';
import { LAB_MANAGEMENT_ADDRESS } from './lab-layout';

function relay(client: Socket, upstream: Socket): void {
  client.pipe(upstream).pipe(client);
  const close = () => {
    client.destroy();
    upstream.destroy();
  };
  client.on('error', close);
  upstream.on('error', close);
  client.on('close', close);
  upstream.on('close', close);
}

const [side, sockDir, countText, firstPortText, vipPortText, managementPortText] = process.argv.slice(2);
const count = Number(countText);
const firstPort = Number(firstPortText);
const vipPort = Number(vipPortText);
const managementPort = Number(managementPortText);
if ((side !== 'machine' && side !== 'bridge') || !sockDir || !Number.isInteger(count) || count < 1 || !Number.isInteger(firstPort) || !Number.isInteger(vipPort) || !Number.isInteger(managementPort)) {
  process.stderr.write('usage: lab-gateway machine|bridge SOCKDIR COUNT FIRST_PORT VIP_PORT MGMT_PORT\n');
  process.exit(2);
}
/** A port another program holds: say so and stop (lab up checks first; this is the race). */
const listenOrExit = (server: ReturnType<typeof createServer>, port: number) =>
  server
    .on('error', (error) => {
      process.stderr.write(`lab-gateway: 127.0.0.1:${port}: ${error.message}\n`);
      process.exit(1);
    })
    .listen(port, '127.0.0.1');

for (let i = 1; i <= count; i++) {
  const socketPath = join(sockDir, `node${i}.sock`);
  if (side === 'machine') {
    listenOrExit(
      createServer((client) => relay(client, connect(socketPath))),
      firstPort + i - 1,
    );
  } else {
    rmSync(socketPath, { force: true });
    createServer((client) => relay(client, connect(7780, `192.0.2.${i}`))).listen(socketPath);
  }
}
/** A floating address on the LAN, seen from the machine as a client on the LAN would. */
const socketDir = sockDir;
function floating(name: string, machinePort: number, port: number, host: string): void {
  const socketPath = join(socketDir, `${name}.sock`);
  if (side === 'machine')
    listenOrExit(
      createServer((client) => relay(client, connect(socketPath))),
      machinePort,
    );
  else {
    rmSync(socketPath, { force: true });
    createServer((client) => relay(client, connect(port, host))).listen(socketPath);
  }
}
floating('vip', vipPort, 8080, '192.0.2.100');
floating('management', managementPort, 7780, LAB_MANAGEMENT_ADDRESS);
process.on('SIGTERM', () => process.exit(0));
