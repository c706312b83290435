/** IPv4 arithmetic for the mesh network: addresses as unsigned 32-bit numbers. */

export interface Ipv4Network {
  /** The network address, e.g. 10.100.0.0 */
  address: string;
  prefix: number;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export function ipToNumber(ip: string): number {
  const parts = ip.split('.');
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p))) throw new Error(`"${ip}" is not an IPv4 address`);
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

export function isIpv4(ip: string): boolean {
  try {
    ipToNumber(ip);
    return true;
  } catch {
    return false;
  }
}

/** Parses `10.100.0.1/24` into the address given and its network. */
export function parseCidr(cidr: string): { ip: string; network: Ipv4Network } {
  const match = /^([\d.]+)\/(\d{1,2})$/.exec(cidr);
  if (!match || !isIpv4(match[1] ?? '') || Number(match[2]) > 32) throw new Error(`"${cidr}" is not an IPv4 CIDR like 10.100.0.1/24`);
  const ip = match[1] ?? '';
  const prefix = Number(match[2]);
  const size = 2 ** (32 - prefix);
  const base = Math.floor(ipToNumber(ip) / size) * size;
  return { ip, network: { address: numberToIp(base), prefix } };
}

export function formatNetwork(network: Ipv4Network): string {
  return `${network.address}/${network.prefix}`;
}

export function inNetwork(ip: string, network: Ipv4Network): boolean {
  const size = 2 ** (32 - network.prefix);
  return Math.floor(ipToNumber(ip) / size) * size === ipToNumber(network.address);
}

/** Usable host addresses: not the network or broadcast address (for prefixes up to /30). */
export function isHostAddress(ip: string, network: Ipv4Network): boolean {
  if (!inNetwork(ip, network)) return false;
  if (network.prefix >= 31) return true;
  const offset = ipToNumber(ip) - ipToNumber(network.address);
  return offset > 0 && offset < 2 ** (32 - network.prefix) - 1;
}

/** The lowest host address of the network not in `used`, or null when the network is full. */
export function nextFreeIp(network: Ipv4Network, used: Iterable<string>): string | null {
  const taken = new Set([...used].map(ipToNumber));
  const first = ipToNumber(network.address);
  const size = 2 ** (32 - network.prefix);
  const [start, end] = network.prefix >= 31 ? [first, first + size - 1] : [first + 1, first + size - 2];
  for (let n = start; n <= end; n++) if (!taken.has(n)) return numberToIp(n);
  return null;
}
