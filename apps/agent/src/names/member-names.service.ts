import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { readFile, writeFile } from 'node:fs/promises';
import { renderHostsBlock, withHostsBlock } from '@sfha/mesh';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { JsonLogger } from '../logging/json-logger';
import { MeshRepository } from '../mesh/mesh.repository';

const CHECK_EVERY_MS = 2_000;

/**
 * Keeps `<node>.<cluster>.sfha` for every member in the host's hosts file (docs/architecture.md,
 * "Member names"): written when the member list changes (join, removal), removed when this node
 * leaves its cluster. Only sfha's marked block is touched; the host keeps its own resolver.
 */
@Injectable()
export class MemberNames implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | null = null;
  /** The block last written, so an unchanged list costs one comparison. */
  private written: string | null | undefined = undefined;
  private failing = false;

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    private readonly repo: MeshRepository,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.hostsFile === null) return;
    void this.sync();
    this.timer = setInterval(() => void this.sync(), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** The block this node's hosts file should hold now, or null (not in a cluster). */
  desiredBlock(): string | null {
    const cluster = this.repo.cluster();
    const self = this.repo.self();
    if (!cluster || !self) return null;
    return renderHostsBlock(
      cluster.name,
      this.repo.members().map((m) => ({ name: m.name, meshIp: m.meshIp })),
      self.nodeName,
    );
  }

  async sync(): Promise<void> {
    const file = this.config.hostsFile;
    if (file === null) return;
    const block = this.desiredBlock();
    if (block === this.written) return;
    try {
      const current = await readFile(file, 'utf8');
      const next = withHostsBlock(current, block);
      // Written in place (not renamed over): the hosts file may be a bind mount, and its owner, mode and links stay.
      if (next !== current) await writeFile(file, next);
      this.written = block;
      if (this.failing) this.logger.event('info', 'mesh', `member names written to ${file} again`);
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.event('warn', 'mesh', `member names could not be written to ${file}: ${(error as Error).message}`);
      this.failing = true;
    }
  }
}
