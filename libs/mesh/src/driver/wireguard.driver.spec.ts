import { createExecutor, ExecError, type Executor } from '@sfha/exec';
import { describe, expect, it } from 'vitest';
import { MeshDriverError } from './mesh-driver-error';
import { createWireGuardDriver, holdsAddress } from './wireguard.driver';

/** An executor that fails every command the given way (the lab tests use the real one). */
function failing(kind: 'not-found' | 'failed', stderr = ''): Executor {
  return {
    run: (file, args) =>
      Promise.reject(new ExecError(kind, kind === 'not-found' ? `${file}: command not found` : `${file} ${args.join(' ')}: exit code 1: ${stderr}`, { commandLine: file, exitCode: 1, stdout: '', stderr, durationMs: 1 })),
  };
}

describe('WireGuard driver errors', () => {
  it('says which tool is missing and how to install it', async () => {
    const error = await createWireGuardDriver(failing('not-found')).dump('wg-sfha').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MeshDriverError);
    expect(error).toMatchObject({ problem: 'tools-missing', message: 'wg is not installed: install them: apt-get install wireguard-tools wireguard-go' });
  });

  it('recognises a port already in use', async () => {
    const error = await createWireGuardDriver(failing('failed', 'Address already in use')).dump('wg-sfha').catch((e: unknown) => e);
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
  const output = '5: wg-sfha    inet 10.100.0.1/24 scope global wg-sfha\\       valid_lft forever preferred_lft forever\n';
  it('finds the address whatever its prefix, and no other', () => {
    expect(holdsAddress(output, '10.100.0.1')).toBe(true);
    expect(holdsAddress(output, '10.100.0.10')).toBe(false);
    expect(holdsAddress(output, '10.100.0.3')).toBe(false);
    expect(holdsAddress('', '10.100.0.1')).toBe(false);
    expect(holdsAddress('7: wg-sfha    inet6 fd00::1/64 scope global \\       valid_lft forever', 'fd00::1')).toBe(true);
  });
});
