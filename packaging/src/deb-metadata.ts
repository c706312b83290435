/** What dpkg needs to know of the package, rendered from the build's facts. Pure. */
export interface PackageFacts {
  version: string;
  /** Debian architecture (amd64, arm64…). */
  arch: string;
  /** Sum of the installed files' sizes, in KiB. */
  installedSizeKiB: number;
  nodeVersion: string;
}

export const PACKAGE_NAME = 'sfha';
/** The distribution packages the agent drives (checked at start with a clear message). */
/** ping: sfha doctor's path MTU and reachability checks. */
export const DEPENDS = ['wireguard-tools', 'corosync', 'iproute2', 'nftables', 'iputils-arping', 'iputils-ping'];
/** What the shipped Node.js and better-sqlite3 link against. */
export const LIB_DEPENDS = ['libc6 (>= 2.28)', 'libgcc-s1', 'libstdc++6'];
/** Userspace WireGuard (kernels without the module) and the fence agents: used when present. */
export const RECOMMENDS = ['wireguard-go', 'fence-agents'];
export const CONFFILES = ['/etc/sfha/agent.env'];
/** Where the package puts what others (the unit, the Docker image, the docs) refer to. */
export const PACKAGED = {
  agent: '/opt/sfha/bin/sfha-agent',
  cli: '/usr/bin/sfha',
  node: '/opt/sfha/node/bin/node',
  unit: '/lib/systemd/system/sfha-agent.service',
  env: '/etc/sfha/agent.env',
  stateDir: '/var/lib/sfha',
} as const;

/** Node's `process.arch` → Debian's architecture name. */
export function debianArch(nodeArch: string): string {
  const map: Record<string, string> = { x64: 'amd64', arm64: 'arm64', arm: 'armhf', ia32: 'i386', ppc64: 'ppc64el', s390x: 's390x', riscv64: 'riscv64' };
  const arch = map[nodeArch];
  if (!arch) throw new Error(`no Debian architecture for Node's "${nodeArch}"`);
  return arch;
}

/** A Debian version from the npm one: 0.1.0 stays, 0.2.0-rc.1 → 0.2.0~rc.1 (sorts before 0.2.0). */
export function debianVersion(npmVersion: string): string {
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.]+)?$/.test(npmVersion)) throw new Error(`"${npmVersion}" is not a version like 1.2.3 or 1.2.3-rc.1`);
  return npmVersion.replace('-', '~');
}

export const debFileName = (facts: Pick<PackageFacts, 'version' | 'arch'>) => `${PACKAGE_NAME}_${facts.version}_${facts.arch}.deb`;

export function controlFile(facts: PackageFacts): string {
  return `${[
    `Package: ${PACKAGE_NAME}`,
    `Version: ${facts.version}`,
    `Architecture: ${facts.arch}`,
    'Maintainer: sfha maintainers <sfha@sfha.invalid>',
    `Installed-Size: ${facts.installedSizeKiB}`,
    `Depends: ${[...LIB_DEPENDS, ...DEPENDS].join(', ')}`,
    `Recommends: ${RECOMMENDS.join(', ')}`,
    'Section: admin',
    'Priority: optional',
    'Description: self-hosted high availability for Linux servers',
    ' sfha links servers with an automatically managed WireGuard mesh, uses',
    ' Corosync for membership and quorum, and keeps floating IP addresses and',
    ' services running: health checks, failover, fencing (fence-agents or a',
    ' webhook), a web dashboard and the sfha command.',
    ' .',
    ` This package is self-contained: it ships its own Node.js ${facts.nodeVersion} under`,
    ' /opt/sfha. The agent runs as sfha-agent.service and owns Corosync (the',
    " distribution's corosync.service is masked while sfha is installed).",
  ].join('\n')}\n`;
}

export function changelog(version: string, date: Date): string {
  return `${PACKAGE_NAME} (${version}) unstable; urgency=medium\n\n  * Release ${version}.\n\n -- sfha maintainers <sfha@sfha.invalid>  ${date.toUTCString().replace(/GMT$/, '+0000')}\n`;
}

export const COPYRIGHT = `Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: sfha

Files: *
Copyright: 2025-2026 sfha contributors
License: MIT

Files: opt/sfha/node/*
Copyright: Node.js contributors and others
License: MIT and others, see /opt/sfha/node/LICENSE

Files: opt/sfha/node_modules/*
Copyright: the authors of each package
License: see the LICENSE file of each package (MIT, ISC, Apache-2.0, BSD)

License: MIT
 Permission is hereby granted, free of charge, to any person obtaining a copy of
 this software and associated documentation files (the "Software"), to deal in
 the Software without restriction, including without limitation the rights to
 use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
 the Software, and to permit persons to whom the Software is furnished to do so,
 subject to the following conditions:
 .
 The above copyright notice and this permission notice shall be included in all
 copies or substantial portions of the Software.
 .
 THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
 FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
 COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
 IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
 CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
`;

/** A man page (roff) around the CLI's own help text, so both say the same thing. */
export function manPage(version: string, help: string, date: Date): string {
  const escape = (s: string) => s.replace(/\\/g, '\\e').replace(/^([.'])/gm, '\\&$1');
  return `.TH SFHA 1 "${date.toISOString().slice(0, 10)}" "sfha ${version}" "sfha manual"
.SH NAME
sfha \\- high availability for Linux servers (command line of the sfha agent)
.SH SYNOPSIS
.B sfha
[\\fIoptions\\fR] \\fIcommand\\fR
.SH DESCRIPTION
The sfha command talks to the local sfha agent (sfha-agent.service). French is the default
language of its messages; \\fB\\-\\-lang=en\\fR or \\fBSFHA_LANG=en\\fR switches to English.
.PP
.nf
${escape(help.trimEnd())}
.fi
.SH FILES
.TP
.I /etc/sfha/agent.env
the agent's settings (see the comments in it)
.TP
.I /var/lib/sfha
the node's state: database, keys, local credential (kept on remove, deleted on purge)
.SH SEE ALSO
.BR systemctl (8),
.BR journalctl (1),
.BR corosync (8),
.BR wg (8);
/usr/share/doc/sfha/install.md, /usr/share/doc/sfha/troubleshooting.md
`;
}
