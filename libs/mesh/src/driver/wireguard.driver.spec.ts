import { createExecutor, ExecError, type Executor } from '@sfha/exec';
import { describe, expect, it } from 'vitest';
import type { NetworkInterfaceInfo } from 'node:os';
import { MeshDriverError } from './mesh-driver-error';
import { createWireGuardDriver, holdsAddress } from './wireguard.driver';

/** An executor that fails every command the given way (the lab tests use the real one). */
function failing(kind: 'not-found' | 'failed', stderr = ''): Executor {
  return {
    run: (file, args) =>
      Promise.reject(
        new ExecError(kind, kind === 'not-found' ? `${file}: command not found` : `${file} ${args.join(' ')}: exit code 1: ${stderr}`, {
          commandLine: file,
          exitCode: 1,
          stdout: '',
          stderr,
          durationMs: 1,
        }),
      ),
  };
}

describe('WireGuard driver errors', () => {
  it('says which tool is missing and how to install it', async () => {
    const error = await createWireGuardDriver(failing('not-found'))
      .dump('wg-sfha')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeshDriverError);
    expect(error).toMatchObject({ problem: 'tools-missing', message: 'wg is not installed: install them: apt-get install wireguard-tools wireguard-go' });
  });

  it('recognises a port already in use', async () => {
    const error = await createWireGuardDriver(failing('failed', 'Address already in use'))
      .dump('wg-sfha')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ problem: 'port-in-use' });
  });

  it('checks a UDP port for real', async () => {
    const driver = createWireGuardDriver(createExecutor());
    const { createSocket } = await import('node:dgram');
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '0.0.0.0', () => resolve()));
    const port = socket.address().port;
    expect(await driver.udpPortFree(port)).toBe(false);
    socket.close();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await driver.udpPortFree(port)).toBe(true);
  });
});

describe('mesh address on the interface', () => {
  const v4 = (address: string): NetworkInterfaceInfo => ({ address, netmask: '255.255.255.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: false, cidr: `${address}/24` });
  const v6 = (address: string): NetworkInterfaceInfo => ({ address, netmask: 'ffff:ffff:ffff:ffff::', family: 'IPv6', mac: '00:00:00:00:00:00', internal: false, cidr: `${address}/64`, scopeid: 0 });
  it('finds the address on that interface only, and no other address', () => {
    const interfaces = { 'wg-sfha': [v4('10.100.0.1'), v6('fd00::1')], eth0: [v4('192.0.2.1')] };
    expect(holdsAddress(interfaces, 'wg-sfha', '10.100.0.1')).toBe(true);
    expect(holdsAddress(interfaces, 'wg-sfha', 'fd00::1')).toBe(true);
    expect(holdsAddress(interfaces, 'wg-sfha', '10.100.0.10')).toBe(false);
    expect(holdsAddress(interfaces, 'wg-sfha', '192.0.2.1')).toBe(false);
    expect(holdsAddress(interfaces, 'wg-other', '10.100.0.1')).toBe(false);
    expect(holdsAddress({}, 'wg-sfha', '10.100.0.1')).toBe(false);
  });

  it("reads this host's own interfaces: loopback holds 127.0.0.1", async () => {
    const driver = createWireGuardDriver(createExecutor());
    expect(await driver.interfaceReady('lo', '127.0.0.1')).toBe(true);
    expect(await driver.interfaceReady('lo', '127.0.0.2')).toBe(false);
    expect(await driver.interfaceReady('sfha-none', '127.0.0.1')).toBe(false);
  });
});
