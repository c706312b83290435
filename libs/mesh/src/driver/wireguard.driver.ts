import { ExecError, type Executor } from '@sfha/exec';
import { createSocket } from 'node:dgram';
import { networkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { type PeerChange, type DesiredPeer, planPeerChanges } from '../peer-plan';
import { parseWgDump, type WgDump } from '../wg-dump';
import { MeshDriverError } from './mesh-driver-error';

export interface InterfaceSpec {
  name: string;
  /** Path of a 0600 file holding the private key (the key never goes on a command line). */
  privateKeyFile: string;
  listenPort: number;
  /** This node's mesh address with the network's prefix, e.g. 10.100.0.1/24 */
  address: string;
  mtu: number;
}

export type WireGuardImplementation = 'kernel' | 'wireguard-go';

/** Everything sfha does to WireGuard and the host's addresses. One real implementation: {@link createWireGuardDriver}. */
export interface WireGuardDriver {
  checkTools(): Promise<void>;
  interfaceExists(name: string): Promise<boolean>;
  /**
   * The interface exists, is up and holds `ip`: what Corosync needs before it starts (it
   * finds its own node in the nodelist by its local addresses, once, at start).
   */
  interfaceReady(name: string, ip: string): Promise<boolean>;
  /** Creates the interface when missing, then sets key, port, address and MTU, and brings it up. Idempotent. */
  ensureInterface(spec: InterfaceSpec): Promise<{ created: boolean; implementation: WireGuardImplementation | 'existing' }>;
  setPrivateKey(name: string, privateKeyFile: string): Promise<void>;
  setPeer(name: string, peer: DesiredPeer): Promise<void>;
  removePeer(name: string, publicKey: string): Promise<void>;
  /** Makes the interface's peers exactly `desired`; returns what it changed. */
  applyPeers(name: string, desired: readonly DesiredPeer[]): Promise<PeerChange[]>;
  dump(name: string): Promise<WgDump>;
  deleteInterface(name: string): Promise<void>;
  udpPortFree(port: number): Promise<boolean>;
  /** The interface holding `ip`, or null. */
  addressOwner(ip: string): Promise<string | null>;
  /** The source address the kernel would use to reach `host` (no packet is sent). */
  sourceAddressFor(host: string): Promise<string | null>;
  /** This host's main address: the default route's, else its first global IPv4 address. */
  primaryAddress(): Promise<string | null>;
}

const TOOLS_HINT = 'install them: apt-get install wireguard-tools wireguard-go';

/**
 * Whether `interfaces`, as `os.networkInterfaces()` lists them (only interfaces up and running:
 * libuv leaves the others out), give `name` the address `ip`. Pure.
 */
export function holdsAddress(interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, name: string, ip: string): boolean {
  return interfaces[name]?.some((a) => a.address === ip) ?? false;
}

export function createWireGuardDriver(exec: Executor): WireGuardDriver {
  /** The endpoint sfha last set per interface and peer key (see planPeerChanges). */
  const appliedEndpoints = new Map<string, Map<string, string | null>>();
  const appliedOn = (name: string) => appliedEndpoints.get(name) ?? appliedEndpoints.set(name, new Map()).get(name) ?? new Map<string, string | null>();
  const run = async (file: string, args: readonly string[], options: { secrets?: string[] } = {}) => {
    try {
      return await exec.run(file, args, { timeoutMs: 10_000, ...options });
    } catch (error) {
      if (error instanceof ExecError && error.kind === 'not-found') throw new MeshDriverError('tools-missing', `${file} is not installed: ${TOOLS_HINT}`);
      if (error instanceof ExecError && /address already in use/i.test(error.message)) throw new MeshDriverError('port-in-use', error.message);
      if (error instanceof ExecError) throw new MeshDriverError('command-failed', error.message);
      throw error;
    }
  };

  const driver: WireGuardDriver = {
    async checkTools() {
      for (const tool of ['wg', 'ip']) {
        const found = await exec.run('sh', ['-c', 'command -v "$1"', 'sh', tool], { allowFailure: true });
        if (found.exitCode !== 0) throw new MeshDriverError('tools-missing', `${tool} is not installed: ${TOOLS_HINT}`);
      }
    },

    async interfaceExists(name) {
      const result = await exec.run('ip', ['link', 'show', 'dev', name], { allowFailure: true });
      return result.exitCode === 0;
    },

    // Read in-process (getifaddrs), not with `ip`: asked every second, and a fork from the agent
    // costs it about 0.6 % of a core per call a second.
    interfaceReady(name, ip) {
      return Promise.resolve(holdsAddress(networkInterfaces(), name, ip));
    },

    async ensureInterface(spec) {
      let implementation: WireGuardImplementation | 'existing' = 'existing';
      if (!(await driver.interfaceExists(spec.name))) {
        if (!(await driver.udpPortFree(spec.listenPort))) {
          throw new MeshDriverError('port-in-use', `UDP port ${spec.listenPort} is already in use on this host: choose another with --port`);
        }
        const kernel = await exec.run('ip', ['link', 'add', 'dev', spec.name, 'type', 'wireguard'], { allowFailure: true });
        if (kernel.exitCode === 0) implementation = 'kernel';
        else {
          // No kernel module (containers, some VMs): the userspace implementation, which daemonizes.
          await run('wireguard-go', [spec.name]);
          implementation = 'wireguard-go';
        }
      }
      await driver.setPrivateKey(spec.name, spec.privateKeyFile);
      await run('wg', ['set', spec.name, 'listen-port', String(spec.listenPort)]);
      const ip = spec.address.split('/')[0] ?? '';
      const owner = await driver.addressOwner(ip);
      if (owner && owner !== spec.name) throw new MeshDriverError('ip-conflict', `mesh address ${ip} is already used by interface ${owner} on this host`);
      if (!owner) await run('ip', ['address', 'replace', spec.address, 'dev', spec.name]);
      await run('ip', ['link', 'set', 'dev', spec.name, 'mtu', String(spec.mtu), 'up']);
      return { created: implementation !== 'existing', implementation };
    },

    async setPrivateKey(name, privateKeyFile) {
      await run('wg', ['set', name, 'private-key', privateKeyFile]);
    },

    async setPeer(name, peer) {
      const args = ['set', name, 'peer', peer.publicKey, 'allowed-ips', peer.allowedIps.join(','), 'persistent-keepalive', String(peer.keepalive)];
      if (peer.endpoint) args.push('endpoint', peer.endpoint);
      await run('wg', args);
    },

    async removePeer(name, publicKey) {
      await run('wg', ['set', name, 'peer', publicKey, 'remove']);
    },

    async applyPeers(name, desired) {
      const applied = appliedOn(name);
      const plan = planPeerChanges((await driver.dump(name)).peers, desired, applied);
      for (const change of plan) {
        if (change.op === 'remove') {
          await driver.removePeer(name, change.publicKey);
          applied.delete(change.publicKey);
        } else {
          await driver.setPeer(name, change.peer);
          applied.set(change.peer.publicKey, change.peer.endpoint);
        }
      }
      return plan;
    },

    async dump(name) {
      // The dump's first field is the private key: parsed away at once, never logged (stdout is not logged).
      return parseWgDump((await run('wg', ['show', name, 'dump'])).stdout);
    },

    async deleteInterface(name) {
      appliedEndpoints.delete(name);
      if (await driver.interfaceExists(name)) await run('ip', ['link', 'delete', 'dev', name]);
    },

    udpPortFree(port) {
      return new Promise((resolve) => {
        const socket = createSocket('udp4');
        socket.once('error', () => resolve(false));
        socket.bind(port, () => socket.close(() => resolve(true)));
      });
    },

    async addressOwner(ip) {
      const { stdout } = await run('ip', ['-j', 'address', 'show']);
      const links = JSON.parse(stdout) as { ifname: string; addr_info?: { local?: string }[] }[];
      return links.find((l) => l.addr_info?.some((a) => a.local === ip))?.ifname ?? null;
    },

    async sourceAddressFor(host) {
      const result = await exec.run('ip', ['-j', 'route', 'get', host], { allowFailure: true });
      if (result.exitCode !== 0) return null;
      return (JSON.parse(result.stdout) as { prefsrc?: string }[])[0]?.prefsrc ?? null;
    },

    async primaryAddress() {
      const routes = JSON.parse((await run('ip', ['-j', 'route', 'show', 'default'])).stdout) as { dev?: string; prefsrc?: string }[];
      const links = JSON.parse((await run('ip', ['-j', '-4', 'address', 'show', 'scope', 'global'])).stdout) as { ifname: string; addr_info?: { local?: string }[] }[];
      const byDev = (dev: string | undefined) => links.find((l) => l.ifname === dev)?.addr_info?.[0]?.local ?? null;
      return routes[0]?.prefsrc ?? byDev(routes[0]?.dev) ?? links.find((l) => !l.ifname.startsWith('wg'))?.addr_info?.[0]?.local ?? null;
    },
  };
  return driver;
}
