import { describe, expect, it } from 'vitest';
import { controlFile, debFileName, debianArch, debianVersion, manPage } from './deb-metadata';

const HELP = `sfha — high availability for Linux servers

Usage: sfha [options] <command>

Commands:
  status                                   this node's state
  mesh status                              peers
  mesh invitations | mesh revoke ID        list / revoke
  config show | config set [--token-ms MS] replicated config
  resources [list] | resources group-set NAME [--vip CIDR]… | resources group-remove NAME
  stonith status | history | agent fence_…  fencing
  node drain | node undrain                 planned handover

Options:
  --lang=fr|en      language
  --json            JSON output
`;

describe('Debian package metadata', () => {
  it('names the file and version the Debian way', () => {
    expect(debianArch('x64')).toBe('amd64');
    expect(debianArch('arm64')).toBe('arm64');
    expect(() => debianArch('mips')).toThrow('no Debian architecture');
    expect(debianVersion('0.2.0-rc.1')).toBe('0.2.0~rc.1');
    expect(() => debianVersion('latest')).toThrow('is not a version');
    expect(debFileName({ version: '0.1.0', arch: 'amd64' })).toBe('sfha_0.1.0_amd64.deb');
  });

  it('depends on what the agent drives, recommends wireguard-go and fence-agents', () => {
    const control = controlFile({ version: '1.2.3', arch: 'amd64', installedSizeKiB: 1234, nodeVersion: 'v20.19.0' });
    expect(control).toMatch(/^Depends: .*wireguard-tools, corosync, iproute2, nftables, iputils-arping, iputils-ping$/m);
    expect(control).toMatch(/^Recommends: wireguard-go, fence-agents$/m);
    expect(control).toContain('Installed-Size: 1234\n');
    // The long description: continuation lines start with a space, none longer than 80 columns.
    const description = control.split('\n').filter((line) => line.startsWith(' '));
    expect(description.length).toBeGreaterThan(3);
    for (const line of description) expect(line.length).toBeLessThanOrEqual(80);
  });

  it('puts the whole help in the man page, escaped for roff', () => {
    const page = manPage('1.2.3', `${HELP}.starts with a dot\n`, new Date('2026-01-02T00:00:00Z'));
    expect(page).toContain('.TH SFHA 1 "2026-01-02" "sfha 1.2.3"');
    expect(page).toContain('  node drain | node undrain                 planned handover');
    expect(page).toContain('\\&.starts with a dot');
  });
});
