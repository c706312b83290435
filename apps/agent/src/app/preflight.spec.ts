import { describe, expect, it } from 'vitest';
import { ALL_TOOLS, startupProblem, type HostFacts } from './preflight';

const config = { bindHost: '127.0.0.1', bindPort: 7780 };
const facts = (patch: Partial<HostFacts> = {}): HostFacts => ({ found: new Set(ALL_TOOLS), kernelWireGuard: false, bindError: null, corosyncServiceActive: false, ...patch });
const without = (...tools: string[]) => new Set(ALL_TOOLS.filter((t) => !tools.includes(t)));

describe('startup preflight (one line, before anything starts)', () => {
  it('starts when everything is there, with wireguard-go or with kernel WireGuard', () => {
    expect(startupProblem(config, facts())).toBeNull();
    expect(startupProblem(config, facts({ found: without('wireguard-go'), kernelWireGuard: true }))).toBeNull();
  });

  it('names the missing programs and the packages to install (exit 3: restarting will not help)', () => {
    expect(startupProblem(config, facts({ found: without('corosync', 'corosync-cmapctl', 'arping') }))).toEqual({
      exitCode: 3,
      line: 'corosync, corosync-cmapctl, arping not found on the PATH: install corosync iputils-arping (apt install corosync iputils-arping)',
    });
  });

  it('refuses a kernel without WireGuard when wireguard-go is absent', () => {
    expect(startupProblem(config, facts({ found: without('wireguard-go') }))).toEqual({
      exitCode: 3,
      line: 'no WireGuard: this kernel has no WireGuard module and wireguard-go is not installed (apt install wireguard-go)',
    });
  });

  it("refuses to fight the distribution's corosync.service", () => {
    expect(startupProblem(config, facts({ corosyncServiceActive: true }))?.line).toContain('corosync.service is running');
  });

  it('explains a taken or foreign admin address (exit 1: it may pass)', () => {
    expect(startupProblem(config, facts({ bindError: 'EADDRINUSE' }))).toEqual({
      exitCode: 1,
      line: 'the admin address 127.0.0.1:7780 is already in use (another sfha agent? ss -ltnp shows who): stop it or set SFHA_BIND in /etc/sfha/agent.env',
    });
    expect(startupProblem({ bindHost: '::1', bindPort: 80 }, facts({ bindError: 'EACCES' }))?.line).toBe(
      'the admin address [::1]:80 needs more privileges (a port below 1024 needs root or CAP_NET_BIND_SERVICE)',
    );
    expect(startupProblem(config, facts({ bindError: 'EADDRNOTAVAIL' }))?.line).toContain('is not an address of this host');
  });
});
