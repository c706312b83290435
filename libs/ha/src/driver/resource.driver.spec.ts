import { createExecutor, type Executor } from '@sfha/exec';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VipResource } from '../resources';
import { createResourceDriver } from './resource.driver';

// The real `ip`, in a throwaway network namespace (needs root, like the agent), so the host's interfaces are not touched.
const exec = createExecutor();
const netns = `sfha-test-vip-${process.pid}`;
const inNetns: Executor = { run: (file, args, options) => exec.run('ip', ['netns', 'exec', netns, file, ...args], options) };
const driver = createResourceDriver(inNetns);
const vip: VipResource = { kind: 'vip', name: 'ip', address: '10.99.0.7/24', interface: 'sfha-v0', network: 'mesh' };

describe('VIP driver, real ip in a network namespace', () => {
  beforeAll(async () => {
    await exec.run('ip', ['netns', 'add', netns]);
    await exec.run('ip', ['-n', netns, 'link', 'add', 'sfha-v0', 'type', 'veth', 'peer', 'name', 'sfha-v1']);
  });
  afterAll(() => exec.run('ip', ['netns', 'del', netns], { allowFailure: true }));

  it('holds the address after acquiring it, not after releasing it', async () => {
    expect(await driver.vipHeld(vip)).toBe(false);
    await driver.acquireVip(vip);
    expect(await driver.vipHeld(vip)).toBe(true);
    expect(await driver.vipHeld({ ...vip, address: '10.99.0.8/24' })).toBe(false);
    await driver.releaseVip(vip);
    expect(await driver.vipHeld(vip)).toBe(false);
  });

  it('holds nothing on an interface that is gone (the mesh is down), and says so without an error', async () => {
    await driver.acquireVip(vip);
    await exec.run('ip', ['-n', netns, 'link', 'del', 'sfha-v0']);
    expect(await driver.vipHeld(vip)).toBe(false);
    await expect(driver.releaseVip(vip)).resolves.toBeUndefined();
  });

  it('throws when the addresses cannot be read for another reason', async () => {
    const broken = createResourceDriver({ run: (file, args, options) => exec.run('ip', ['netns', 'exec', `${netns}-none`, file, ...args], options) });
    await expect(broken.vipHeld(vip)).rejects.toThrow(/^cannot read the addresses of sfha-v0: Cannot open network namespace/);
  });
});
