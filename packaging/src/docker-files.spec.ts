import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGED } from './deb-metadata';

// No container engine runs here and CI does not build the image: this reads docker/ and checks
// it against the package (the image installs the .deb) and the agent's own flags.
const REPO = resolve(__dirname, '../..');
const dockerfile = readFileSync(join(REPO, 'docker/Dockerfile'), 'utf8');
const compose = readFileSync(join(REPO, 'docker/compose.yaml'), 'utf8');
const unit = readFileSync(join(REPO, 'packaging/files/sfha-agent.service'), 'utf8');
const instruction = (name: string) =>
  dockerfile
    .split('\n')
    .filter((l) => l.startsWith(`${name} `))
    .map((l) => l.slice(name.length + 1));
/** The agent's options (flag, environment variable), read from its source (another project: not imported). */
const AGENT_OPTIONS = [...readFileSync(join(REPO, 'apps/agent/src/config/agent-config.ts'), 'utf8').matchAll(/\{ flag: '(--[a-z-]+)', env: '(SFHA_[A-Z_]+)'/g)].map((m) => ({ flag: m[1], env: m[2] }));
const jsonArray = (text: string | undefined) => JSON.parse(text ?? '[]') as string[];

describe('docker/ (checked, not built)', () => {
  it('installs the package built by npm run package, with wireguard-go and fence-agents', () => {
    expect(instruction('COPY')).toEqual(['${SFHA_DEB} /tmp/']);
    expect(instruction('ARG')).toEqual(['SFHA_DEB=dist/pkg/sfha_*_amd64.deb']);
    expect(dockerfile).toMatch(/apt-get install -y --no-install-recommends \/tmp\/sfha_\*\.deb wireguard-go fence-agents/);
  });

  it("runs the packaged agent with flags the agent accepts, as the unit's defaults", () => {
    const entrypoint = jsonArray(instruction('ENTRYPOINT')[0]);
    expect(entrypoint).toEqual([PACKAGED.agent]);
    expect(unit).toContain(`\nExecStart=${PACKAGED.agent}\n`);
    const flags = jsonArray(instruction('CMD')[0]);
    expect(flags).toEqual(['--data-dir', PACKAGED.stateDir, '--bind', '127.0.0.1:7780']);
    expect(AGENT_OPTIONS.length).toBeGreaterThan(5);
    for (const flag of flags.filter((f) => f.startsWith('--'))) expect(AGENT_OPTIONS.map((o) => o.flag)).toContain(flag);
  });

  it("keeps the node's and Corosync's state in volumes", () => {
    expect(jsonArray(instruction('VOLUME')[0])).toEqual([PACKAGED.stateDir, '/var/lib/corosync']);
    expect(compose).toContain(`- sfha-data:${PACKAGED.stateDir}\n`);
    expect(compose).toContain('- corosync-state:/var/lib/corosync\n');
  });

  it('grants the capabilities the unit grants, and the tun device for wireguard-go', () => {
    const capabilities = /cap_add: \[(.*)\]/.exec(compose)?.[1]?.split(', ') ?? [];
    const unitCaps =
      /^CapabilityBoundingSet=(.*)$/m
        .exec(unit)?.[1]
        ?.split(' ')
        .map((c) => c.replace(/^CAP_/, '')) ?? [];
    expect(capabilities).toEqual(['NET_ADMIN', 'NET_RAW', 'SYS_NICE', 'IPC_LOCK']);
    for (const cap of capabilities) expect(unitCaps).toContain(cap);
    expect(compose).toContain('devices: ["/dev/net/tun:/dev/net/tun"]');
    expect(compose).toContain('network_mode: host');
  });

  it('checks health on /api/v1/health with the packaged Node, the same way in both files', () => {
    const line = (text: string) => text.split('\n').find((l) => l.includes('/api/v1/health')) ?? '';
    const inDockerfile = jsonArray(/CMD (\[.*\])$/.exec(line(dockerfile))?.[1]);
    const inCompose = jsonArray(/test: (\[.*\])$/.exec(line(compose))?.[1]);
    expect(inCompose).toEqual(['CMD', ...inDockerfile]);
    expect(inDockerfile[0]).toBe(PACKAGED.node);
    expect(inDockerfile[2]).toContain("'http://127.0.0.1:7780/api/v1/health'");
  });

  it('sets only environment variables the agent knows, and gives the drain time to finish', () => {
    const known = AGENT_OPTIONS.map((o) => o.env);
    const set = [...compose.matchAll(/^ {6}(SFHA_[A-Z_]+):/gm)].map((m) => m[1]);
    expect(set.length).toBeGreaterThan(0);
    for (const name of set) expect(known).toContain(name);
    const unitStop = Number(/^TimeoutStopSec=(\d+)s$/m.exec(unit)?.[1]);
    expect(compose).toContain(`stop_grace_period: ${unitStop}s`);
  });

  it("has the Anemone example: an app container in the agent container's network namespace, on demand only", () => {
    const app = compose.slice(compose.indexOf('\n  app:\n'), compose.indexOf('\nvolumes:'));
    expect(app).toContain('    profiles: [example]\n');
    expect(app).toContain('    network_mode: service:sfha\n');
    expect(app).toMatch(/depends_on:\n\s+sfha:\n\s+condition: service_healthy\n/);
    // Sharing a namespace excludes networks and ports of its own.
    expect(app).not.toMatch(/^\s+(ports|networks):/m);
    // Compose would expand $VAR itself: the container's shell gets $$ as $.
    expect(app).toContain('http://$${MESH_VIP}:$${MESH_VIP_PORT}/');
  });
});
