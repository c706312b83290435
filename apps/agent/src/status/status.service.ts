import { Inject, Injectable } from '@nestjs/common';
import { AuthRepository } from '../auth/auth.repository';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { AGENT_VERSION } from '../version';
import type { NodeStatusDto } from './status.dto';

@Injectable()
export class StatusService {
  private readonly startedAt = new Date();

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    private readonly admins: AuthRepository,
  ) {}

  nodeStatus(): NodeStatusDto {
    return {
      nodeName: this.config.nodeName,
      version: AGENT_VERSION,
      startedAt: this.startedAt.toISOString(),
      uptimeSeconds: Math.floor((Date.now() - this.startedAt.getTime()) / 1000),
      setupComplete: this.admins.adminExists(),
      // The mesh and cluster arrive with `sfha init` / `sfha join`.
      clusterMember: false,
    };
  }
}
