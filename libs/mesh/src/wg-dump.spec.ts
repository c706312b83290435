import { describe, expect, it } from 'vitest';
import { planPeerChanges } from './peer-plan';
import { renderWgQuickConfig } from './wg-config';
import { isConnected, parseWgDump } from './wg-dump';

const PRIVATE = 'yAnz5TF+lXXJte14tji3zlMNq+hd2rYUIgJBgB3fBmk=';
const DUMP = [
  `${PRIVATE}\tHIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=\t51820\toff`,
  'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\t(none)\t192.0.2.2:51820\t10.100.0.2/32\t1763750000\t1234\t5678\t25',
  'TrMvSoP4jYQlY6RIzBgbssQqY3vxI2Pi+y71lOWWXX0=\t(none)\t(none)\t10.100.0.3/32,10.100.0.100/32\t0\t0\t0\toff',
].join('\n');

describe('wg show dump', () => {
  it('parses the interface and peers, and drops the private key', () => {
    const dump = parseWgDump(DUMP);
    expect(JSON.stringify(dump)).not.toContain(PRIVATE);
    expect(dump.interface).toEqual({ publicKey: 'HIgo9xNzJMWLKASShiTqIybxZ0U3wGLiUeJ1PKf8ykw=', listenPort: 51820, fwmark: 'off' });
    expect(dump.peers).toEqual([
      {
        publicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=',
        endpoint: '192.0.2.2:51820',
        allowedIps: ['10.100.0.2/32'],
        latestHandshake: 1763750000,
        rxBytes: 1234,
        txBytes: 5678,
        persistentKeepalive: 25,
      },
      {
        publicKey: 'TrMvSoP4jYQlY6RIzBgbssQqY3vxI2Pi+y71lOWWXX0=',
        endpoint: null,
        allowedIps: ['10.100.0.3/32', '10.100.0.100/32'],
        latestHandshake: null,
        rxBytes: 0,
        txBytes: 0,
        persistentKeepalive: null,
      },
    ]);
  });

  it('refuses something that is not a dump', () => {
    expect(() => parseWgDump('')).toThrow('wg dump: no interface line');
    expect(() => parseWgDump(`${DUMP.split('\n')[0]}\nshort\tline`)).toThrow('a peer line has 2 fields');
  });

  it('calls a peer connected when its handshake is under 3 minutes old', () => {
    expect(isConnected(1000, 1179)).toBe(true);
    expect(isConnected(1000, 1180)).toBe(false);
    expect(isConnected(null, 1000)).toBe(false);
  });
});

describe('peer plan', () => {
  const current = parseWgDump(DUMP).peers;
  it('removes unknown keys first, then sets new or changed peers, leaving matching ones alone', () => {
    const plan = planPeerChanges(current, [
      { publicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', endpoint: '192.0.2.2:51820', allowedIps: ['10.100.0.2/32'], keepalive: 25 },
      { publicKey: 'NEWKEYbboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', endpoint: '192.0.2.3:51820', allowedIps: ['10.100.0.3/32'], keepalive: 25 },
    ]);
    expect(plan).toEqual([
      { op: 'remove', publicKey: 'TrMvSoP4jYQlY6RIzBgbssQqY3vxI2Pi+y71lOWWXX0=' },
      { op: 'set', peer: { publicKey: 'NEWKEYbboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', endpoint: '192.0.2.3:51820', allowedIps: ['10.100.0.3/32'], keepalive: 25 } },
    ]);
  });

  it('keeps an endpoint the peer roamed to, but applies a desired endpoint that changed', () => {
    const desired = { publicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', endpoint: '10.0.0.2:51820', allowedIps: ['10.100.0.2/32'], keepalive: 25 };
    // Live endpoint 192.0.2.2 (roamed / NATed) while sfha last set 10.0.0.2: left alone.
    expect(planPeerChanges(current.slice(0, 1), [desired], new Map([[desired.publicKey, '10.0.0.2:51820']]))).toEqual([]);
    // The admin changed the endpoint since: applied.
    expect(planPeerChanges(current.slice(0, 1), [desired], new Map([[desired.publicKey, '10.0.0.9:51820']]))).toEqual([{ op: 'set', peer: desired }]);
    // Never set by sfha (e.g. after a restart): applied once.
    expect(planPeerChanges(current.slice(0, 1), [desired])).toEqual([{ op: 'set', peer: desired }]);
  });

  it('keeps a roamed endpoint when the desired one is unknown, and notices a new keepalive', () => {
    const roamed = { publicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', endpoint: null, allowedIps: ['10.100.0.2/32'], keepalive: 25 };
    expect(planPeerChanges(current.slice(0, 1), [roamed])).toEqual([]);
    expect(planPeerChanges(current.slice(0, 1), [{ ...roamed, keepalive: 10 }])).toHaveLength(1);
  });
});

describe('wg-quick export', () => {
  it('renders an interface and its peers', () => {
    const text = renderWgQuickConfig({
      privateKey: PRIVATE,
      address: '10.100.0.1/24',
      listenPort: 51820,
      mtu: 1420,
      peers: [{ name: 'node2', publicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', endpoint: '192.0.2.2:51820', allowedIps: ['10.100.0.2/32'], keepalive: 25 }],
    });
    expect(text).toBe(
      `[Interface]\nPrivateKey = ${PRIVATE}\nAddress = 10.100.0.1/24\nListenPort = 51820\nMTU = 1420\n\n# node2\n[Peer]\nPublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\nAllowedIPs = 10.100.0.2/32\nEndpoint = 192.0.2.2:51820\nPersistentKeepalive = 25\n`,
    );
  });
});
