import { Inject, Injectable } from '@nestjs/common';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { MeshFacade } from '../mesh/mesh.facade';
import { UsersService } from '../users/users.service';
import { AGENT_VERSION } from '../version';
import type { NodeStatusDto } from './status.dto';

@Injectable()
export class StatusService {
  private readonly startedAt = new Date();

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    private readonly users: UsersService,
    private readonly mesh: MeshFacade,
  ) {}

  nodeStatus(): NodeStatusDto {
    const mesh = this.mesh.stateOrNull();
    const cluster = mesh?.cluster ?? null;
    return {
      nodeName: this.config.nodeName,
      version: AGENT_VERSION,
      startedAt: this.startedAt.toISOString(),
      uptimeSeconds: Math.floor((Date.now() - this.startedAt.getTime()) / 1000),
      setupComplete: this.users.all().length > 0,
      clusterMember: cluster !== null,
      clusterName: cluster?.name ?? null,
      meshIp: mesh?.self.meshIp ?? null,
    };
  }
}
