/**
 * The chaos suite's clients (e2e/lab/bin/lab-http-client): one on the lab's LAN (the bridge namespace)
 * for the LAN VIPs, one inside a member for the mesh VIP. A member can die with its client:
 * the suite starts another on a live member after the repair.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { agentPid } from '../lab/lab';
import { BRIDGE_NS, hostNetnsPath, LAB_BIN_DIR, netnsPath } from '../lab/lab-layout';
import { choose, Random, type Request } from './chaos-plan';
import { GROUPS } from './chaos-steady';

const CLIENT = [process.execPath, `${LAB_BIN_DIR}/lab-http-client`];
const targetsOf = (mesh: boolean) => GROUPS.filter((g) => g.mesh === mesh).map((g) => `${g.name}=http://${g.vip}:${g.port}/`);

export class LoadClients {
  readonly requests: Request[] = [];
  private readonly random: Random;
  private lan: ChildProcess | null = null;
  private mesh: ChildProcess | null = null;
  /** Where the mesh client runs now. */
  meshHost: string | null = null;

  constructor(seed: number) {
    this.random = new Random(seed ^ 0x5eed);
  }

  private run(netns: string, targets: string[]): ChildProcess {
    const child = spawn('nsenter', [`--net=${netns}`, '--', ...CLIENT, ...targets], { stdio: ['ignore', 'pipe', 'ignore'] });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      try {
        const { at, target, ok } = JSON.parse(line) as Request;
        this.requests.push({ at, target, ok });
      } catch {
        /* a partial line at exit */
      }
    });
    return child;
  }

  start(hosts: readonly string[]): void {
    this.lan = this.run(netnsPath(BRIDGE_NS), targetsOf(false));
    this.ensureMeshClient(hosts);
  }

  /** A mesh client on a live member, unless one runs. */
  ensureMeshClient(hosts: readonly string[]): void {
    if (this.mesh && this.mesh.exitCode === null && this.mesh.signalCode === null) return;
    const live = hosts.filter((h) => agentPid(h) !== null);
    if (live.length === 0) return;
    this.meshHost = choose(live, this.random.next());
    this.mesh = this.run(hostNetnsPath(this.meshHost), targetsOf(true));
  }

  /** The last `n` requests to `target` since `since` all succeeded (and there were n). */
  lastOk(target: string, since: number, n = 3): boolean {
    const recent: Request[] = [];
    for (let k = this.requests.length - 1; k >= 0 && recent.length < n; k--) {
      const r = this.requests[k];
      if (r && r.at < since) break;
      if (r?.target === target) recent.push(r);
    }
    return recent.length === n && recent.every((r) => r.ok);
  }

  /** Stops the clients and waits for them (a child left unreaped would hold up `lab down`). */
  async stop(): Promise<void> {
    const running = [this.lan, this.mesh].filter((c): c is ChildProcess => c !== null && c.exitCode === null && c.signalCode === null);
    await Promise.all(
      running.map(
        (child) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
  }
}
