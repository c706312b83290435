import { describe, expect, it } from 'vitest';
import { formatNetwork, inNetwork, isHostAddress, nextFreeIp, parseCidr } from './ipv4';

describe('mesh IPv4 allocation', () => {
  const { network } = parseCidr('10.100.0.1/24');

  it('parses a CIDR into the address and its network', () => {
    expect(parseCidr('10.100.0.7/24')).toEqual({ ip: '10.100.0.7', network: { address: '10.100.0.0', prefix: 24 } });
    expect(formatNetwork(parseCidr('172.16.5.9/20').network)).toBe('172.16.0.0/20');
    expect(() => parseCidr('10.100.0.1')).toThrow('"10.100.0.1" is not an IPv4 CIDR like 10.100.0.1/24');
    expect(() => parseCidr('10.100.0.300/24')).toThrow('not an IPv4 CIDR');
  });

  it('allocates the lowest free host address, skipping network and broadcast', () => {
    expect(nextFreeIp(network, [])).toBe('10.100.0.1');
    expect(nextFreeIp(network, ['10.100.0.1', '10.100.0.2', '10.100.0.4'])).toBe('10.100.0.3');
    const full = Array.from({ length: 254 }, (_, i) => `10.100.0.${i + 1}`);
    expect(nextFreeIp(network, full)).toBeNull();
    expect(nextFreeIp(parseCidr('10.0.0.0/30').network, ['10.0.0.1'])).toBe('10.0.0.2');
  });

  it('knows which addresses belong to the network', () => {
    expect(inNetwork('10.100.0.200', network)).toBe(true);
    expect(inNetwork('10.100.1.1', network)).toBe(false);
    expect(isHostAddress('10.100.0.0', network)).toBe(false);
    expect(isHostAddress('10.100.0.255', network)).toBe(false);
    expect(isHostAddress('10.100.0.9', network)).toBe(true);
  });
});
