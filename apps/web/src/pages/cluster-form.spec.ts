import { describe, expect, it } from 'vitest';
import { checkCreateCluster, CREATE_CLUSTER_DEFAULTS, ipv4ToNumber } from './cluster-form';

const form = { ...CREATE_CLUSTER_DEFAULTS, name: 'prod' };

describe('checkCreateCluster', () => {
  it('turns the defaults and a name into the init request', () => {
    expect(checkCreateCluster(form)).toEqual({ problems: {}, body: { cluster: 'prod', address: '10.100.0.1/24', port: 51820 } });
    expect(checkCreateCluster({ ...form, endpoint: ' 192.0.2.1:51820 ' }).body).toMatchObject({ endpoint: '192.0.2.1:51820' });
  });

  it('names the field of each problem and sends nothing', () => {
    const result = checkCreateCluster({ name: 'Prod!', network: '10.100.0.0', meshIp: '10.100.0.300', port: '70000', endpoint: 'nohost' });
    expect(result).toEqual({ body: null, problems: { name: 'nameInvalid', network: 'networkInvalid', meshIp: 'meshIpInvalid', port: 'portInvalid', endpoint: 'endpointInvalid' } });
  });

  it('refuses a mesh address outside the network, or its network/broadcast address', () => {
    expect(checkCreateCluster({ ...form, meshIp: '10.101.0.1' }).problems).toEqual({ meshIp: 'meshIpOutside' });
    expect(checkCreateCluster({ ...form, meshIp: '10.100.0.0' }).problems).toEqual({ meshIp: 'meshIpOutside' });
    expect(checkCreateCluster({ ...form, meshIp: '10.100.0.255' }).problems).toEqual({ meshIp: 'meshIpOutside' });
    expect(checkCreateCluster({ ...form, network: '10.100.0.0/16', meshIp: '10.100.7.9' }).body?.address).toBe('10.100.7.9/16');
  });
});

describe('ipv4ToNumber', () => {
  it('reads dotted quads and rejects the rest', () => {
    expect(ipv4ToNumber('10.0.0.1')).toBe(167_772_161);
    expect(ipv4ToNumber('01.0.0.1')).toBeNull();
    expect(ipv4ToNumber('1.2.3')).toBeNull();
  });
});
