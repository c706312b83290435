import { createExecutor, type Executor } from '@sfha/exec';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProcessResource, VipResource } from '../resources';
import { createResourceDriver, pidAlive } from './resource.driver';

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

describe('VIP driver, in-process read', () => {
  it('reads the addresses of an interface that is up without running a command', async () => {
    const noCommand: Executor = { run: (file) => Promise.reject(new Error(`${file} was run`)) };
    const local = createResourceDriver(noCommand);
    expect(await local.vipHeld({ ...vip, address: '127.0.0.1/8', interface: 'lo' })).toBe(true);
    expect(await local.vipHeld({ ...vip, address: '127.0.0.9/8', interface: 'lo' })).toBe(false);
    // An interface not listed (down, not running, or absent): asked of ip (here, the executor that refuses).
    await expect(local.vipHeld({ ...vip, address: '10.99.0.7/24', interface: 'sfha-none' })).rejects.toThrow('ip was run');
  });
});

describe('process driver, real processes', () => {
  const runDir = mkdtempSync(join(tmpdir(), 'sfha-run-'));
  const processDriver = createResourceDriver(exec, { runDir, logDir: runDir });
  const web: ProcessResource = { kind: 'process', name: 'web', command: ['sleep', '30'] };
  afterAll(() => rmSync(runDir, { recursive: true, force: true }));

  it('runs while the pid file names a live process; not with no pid file, a bad one, or a dead process', async () => {
    expect(await processDriver.processRunning(web)).toBe(false);
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    writeFileSync(join(runDir, 'web.pid'), `${child.pid}\n`);
    expect(await processDriver.processRunning(web)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    expect(await processDriver.processRunning(web)).toBe(false);
    writeFileSync(join(runDir, 'web.pid'), 'not a pid\n');
    expect(await processDriver.processRunning(web)).toBe(false);
  });

  it('stops a process at once on SIGTERM, and removes its pid file', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    writeFileSync(join(runDir, 'web.pid'), `${child.pid}\n`);
    await processDriver.stopProcess(web);
    await exited;
    expect(child.signalCode).toBe('SIGTERM');
    expect(existsSync(join(runDir, 'web.pid'))).toBe(false);
    expect(await processDriver.processRunning(web)).toBe(false);
    await processDriver.stopProcess(web); // nothing to stop: no error
  });

  it('kills a process that ignores SIGTERM once its time is up', async () => {
    const patient = createResourceDriver(exec, { runDir, logDir: runDir }, { termMs: 300, killMs: 2_000 });
    const child = spawn('sh', ['-c', 'trap "" TERM; while :; do sleep 0.05; done'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    writeFileSync(join(runDir, 'web.pid'), `${child.pid}\n`);
    await new Promise((resolve) => setTimeout(resolve, 100)); // the trap is set
    await patient.stopProcess(web);
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
    expect(existsSync(join(runDir, 'web.pid'))).toBe(false);
  });

  it('counts a zombie (exited, never reaped) as not running', async () => {
    // The shell backgrounds a short sleep, then becomes a long one that never reaps it.
    const parent = spawn('sh', ['-c', `sleep 0.1 & echo $! > ${runDir}/web.pid; exec sleep 30`], { stdio: 'ignore' });
    try {
      await new Promise((resolve) => setTimeout(resolve, 600));
      const pid = Number(readFileSync(join(runDir, 'web.pid'), 'utf8'));
      expect(readFileSync(`/proc/${pid}/stat`, 'utf8')).toMatch(/\) Z /);
      expect(pidAlive(pid)).toBe(false);
      expect(await processDriver.processRunning(web)).toBe(false);
      expect(pidAlive(parent.pid ?? 0)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
