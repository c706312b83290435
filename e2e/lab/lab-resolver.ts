/**
 * The lab's own DNS resolver, on the bridge (192.0.2.254:53, UDP), like the resolver of a home
 * router: every host's /etc/resolv.conf points to it (lab.ts). It answers A and AAAA queries
 * for the names of `${LAB_DIR}/dns.json` ({"home2.lab": "192.0.2.2", …}), re-read at each query
 * so a spec moves a name by rewriting the file (setLabDnsRecord); any other name is NXDOMAIN.
 * Started by the power controller's process (lab-power.ts).
 */
import { createSocket } from 'node:dgram';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import * as dnsPacket from 'dns-packet';
import { BRIDGE_IP, LAB_DIR } from './lab-layout';

export const LAB_RESOLVER_IP = BRIDGE_IP;
const RECORDS = join(LAB_DIR, 'dns.json');
const TTL = 1;

function records(): Record<string, string> {
  try {
    return existsSync(RECORDS) ? (JSON.parse(readFileSync(RECORDS, 'utf8')) as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** Points `name` at `address` (null: removes it); the resolver answers with it from the next query. */
export function setLabDnsRecord(name: string, address: string | null): void {
  const next = records();
  if (address === null) delete next[name.toLowerCase()];
  else next[name.toLowerCase()] = address;
  writeFileSync(`${RECORDS}.tmp`, JSON.stringify(next));
  renameSync(`${RECORDS}.tmp`, RECORDS);
}

/** Answers one query (pure but for the records file). */
export function answer(query: Buffer): Buffer | null {
  let request: dnsPacket.Packet;
  try {
    request = dnsPacket.decode(query);
  } catch {
    return null;
  }
  const question = request.questions?.[0];
  const address = question ? records()[question.name.toLowerCase()] : undefined;
  const family = address ? isIP(address) : 0;
  const matches = question && ((question.type === 'A' && family === 4) || (question.type === 'AAAA' && family === 6));
  return dnsPacket.encode({
    type: 'response',
    id: request.id,
    flags: dnsPacket.RECURSION_DESIRED | dnsPacket.RECURSION_AVAILABLE | (address ? 0 : 3), // rcode 3: NXDOMAIN
    questions: request.questions,
    answers: matches && address ? [{ type: question.type as 'A', name: question.name, ttl: TTL, data: address }] : [],
  });
}

export function startLabResolver(): void {
  const socket = createSocket('udp4');
  socket.on('message', (message, peer) => {
    const reply = answer(message);
    if (reply) socket.send(reply, peer.port, peer.address);
  });
  socket.on('error', (error) => process.stderr.write(`lab resolver: ${error.message}\n`));
  socket.bind(53, LAB_RESOLVER_IP);
}
