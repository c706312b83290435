import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, type BuiltPackage } from '../src/build-deb';

// Builds the real .deb from the built dist/ (npm run build first) and checks what dpkg, lintian
// and a user would see. Installing it on the machine is the lab's part (e2e/lab/package.lab-spec.ts).
let work = '';
let built: BuiltPackage;
let root = '';
const sh = (file: string, args: string[]) => execFileSync(file, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'sfha-pkg-'));
  built = buildPackage({ outDir: join(work, 'out') });
  root = join(work, 'root');
  mkdirSync(root);
  sh('dpkg-deb', ['-x', built.file, root]);
}, 600_000);
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
}, 60_000);

describe('the Debian package', { timeout: 600_000 }, () => {
  it('is named sfha_<version>_<arch>.deb and says what it depends on', () => {
    expect(built.file).toMatch(/\/sfha_\d+\.\d+\.\d+_amd64\.deb$/);
    const field = (name: string) => sh('dpkg-deb', ['-f', built.file, name]).trim();
    expect(field('Depends').split(', ')).toEqual(expect.arrayContaining(['wireguard-tools', 'corosync', 'iproute2', 'nftables', 'iputils-arping']));
    expect(field('Recommends')).toBe('wireguard-go, fence-agents');
    expect(sh('dpkg-deb', ['-I', built.file, 'conffiles']).trim()).toBe('/etc/sfha/agent.env');
    process.stdout.write(`package: ${(statSync(built.file).size / 1024 / 1024).toFixed(1)} MiB, ${built.facts.installedSizeKiB} KiB installed, built in ${built.seconds.toFixed(0)} s\n`);
  });

  it('holds the agent, CLI, dashboard, a Node runtime, the unit, completion and man page', () => {
    const files = sh('dpkg-deb', ['-c', built.file]);
    for (const path of [
      './opt/sfha/node/bin/node',
      './opt/sfha/dist/agent/apps/agent/src/main.js',
      './opt/sfha/dist/cli/apps/cli/src/main.js',
      './opt/sfha/dist/web/index.html',
      './opt/sfha/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
      './opt/sfha/node_modules/@nestjs/platform-express/',
      './lib/systemd/system/sfha-agent.service',
      './etc/sfha/agent.env',
      './usr/share/bash-completion/completions/sfha',
      './usr/share/man/man1/sfha.1.gz',
      './usr/share/doc/sfha/copyright',
    ])
      expect(files).toContain(path);
    expect(files).toMatch(/\.\/usr\/bin\/sfha -> \/opt\/sfha\/bin\/sfha/);
    // Production packages only: no build or test tool.
    for (const dev of ['typescript', 'vite', 'vitest', 'nx', '@playwright', 'eslint', '@types/node']) expect(files).not.toContain(`./opt/sfha/node_modules/${dev}/`);
  });

  it('its unit restarts on failure, reads agent.env, logs to the journal, keeps its capabilities', () => {
    const unit = readFileSync(join(root, 'lib/systemd/system/sfha-agent.service'), 'utf8');
    for (const line of [
      'Restart=on-failure',
      'EnvironmentFile=/etc/sfha/agent.env',
      'ExecStart=/opt/sfha/bin/sfha-agent',
      'StandardOutput=journal',
      'KillMode=mixed',
      'NoNewPrivileges=yes',
      'StateDirectoryMode=0700',
    ])
      expect(unit).toContain(`\n${line}\n`);
    expect(unit).toMatch(/^CapabilityBoundingSet=.*\bCAP_NET_ADMIN\b.*\bCAP_NET_RAW\b/m);
    // systemd's own parser: every key known, every value valid (the binary is not installed here).
    const copy = join(work, 'sfha-agent.service');
    copyFileSync(join(root, 'lib/systemd/system/sfha-agent.service'), copy);
    const verify = spawnSync('systemd-analyze', ['verify', '--man=no', copy], { encoding: 'utf8' });
    expect(verify.stderr.split('\n').filter((l) => l && l !== 'sfha-agent.service: Command /opt/sfha/bin/sfha-agent is not executable: No such file or directory')).toEqual([]);
  });

  it('its Node runs the packaged CLI and agent (every runtime module is there)', async () => {
    const node = join(root, 'opt/sfha/node/bin/node');
    const cli = (...args: string[]) => sh(node, [join(root, 'opt/sfha/dist/cli/apps/cli/src/main.js'), ...args]);
    expect(cli('--version').trim()).toMatch(/^\d+\.\d+\.\d+/);
    const help = cli('--lang=en', 'help');
    const man = execFileSync('zcat', [join(root, 'usr/share/man/man1/sfha.1.gz')], { encoding: 'utf8' });
    for (const line of help.split('\n').filter((l) => /^ {2}[a-z]/.test(l))) expect(man).toContain(line.trim().split(/\s{2,}/)[0]);
    // The completion is the CLI's own (generated from its command spec).
    expect(readFileSync(join(root, 'usr/share/bash-completion/completions/sfha'), 'utf8')).toBe(cli('completion'));
    const dataDir = join(work, 'data');
    mkdirSync(dataDir);
    const agent = spawn(node, [join(root, 'opt/sfha/dist/agent/apps/agent/src/main.js'), '--data-dir', dataDir, '--bind', '127.0.0.1:0', '--node-name', 'pkg-test'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    agent.stdout.on('data', (b: Buffer) => (out += b.toString()));
    agent.stderr.on('data', (b: Buffer) => (out += b.toString()));
    try {
      const deadline = Date.now() + 60_000;
      while (!/listening on 127\.0\.0\.1:(\d+)/.test(out) && agent.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      const port = /listening on 127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      expect(port, out).toBeDefined();
      const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
      expect(health.status).toBe(200);
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toContain('<div id="root">');
    } finally {
      agent.kill('SIGTERM');
    }
  });

  it('its maintainer scripts are valid sh, and lintian reports no error', () => {
    const control = join(work, 'control');
    sh('dpkg-deb', ['-e', built.file, control]);
    for (const script of ['postinst', 'prerm', 'postrm']) expect(spawnSync('sh', ['-n', join(control, script)]).status).toBe(0);
    const lint = spawnSync('lintian', ['--tag-display-limit', '0', built.file], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const errors = lint.stdout.split('\n').filter((l) => l.startsWith('E:'));
    expect(errors).toEqual([]);
    expect(lint.status, lint.stderr).toBe(0);
  });
});
