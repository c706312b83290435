import { Inject, Injectable } from '@nestjs/common';
import { AuthRepository } from '../auth/auth.repository';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { MeshRepository } from '../mesh/mesh.repository';
import { AGENT_VERSION } from '../version';
import type { NodeStatusDto } from './status.dto';

@Injectable()
export class StatusService {
  private readonly startedAt = new Date();

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    private readonly admins: AuthRepository,
    private readonly mesh: MeshRepository,
  ) {}

  nodeStatus(): NodeStatusDto {
    const cluster = this.mesh.cluster();
    return {
      nodeName: this.config.nodeName,
      version: AGENT_VERSION,
      startedAt: this.startedAt.toISOString(),
      uptimeSeconds: Math.floor((Date.now() - this.startedAt.getTime()) / 1000),
      setupComplete: this.admins.adminExists(),
      clusterMember: cluster !== null,
      clusterName: cluster?.name ?? null,
      meshIp: this.mesh.self()?.meshIp ?? null,
    };
  }
}
