import { Injectable } from '@nestjs/common';
import { groupProblems, type Resource, type ResourceGroup } from '@sfha/ha';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { MeshReplication } from '../mesh/mesh-replication.service';
import { PeerClient } from '../mesh/peer-api/peer-client';
import type { GroupStateDto, PutGroupDto } from './dto/resources.dto';
import { RESOURCE_STATE_PATH, ResourceEngine, type LocalResourceState } from './resource-engine.service';

/** Resource groups in the replicated config, and where they run. */
@Injectable()
export class ResourcesService {
  constructor(
    private readonly configs: ClusterConfigService,
    private readonly replication: MeshReplication,
    private readonly engine: ResourceEngine,
    private readonly client: PeerClient,
  ) {}

  async putGroup(name: string, dto: PutGroupDto): Promise<GroupStateDto> {
    const members = this.replication.state().members.map((m) => m.name);
    const resources: Resource[] = dto.resources.map((r) =>
      r.kind === 'vip' ? { kind: 'vip', name: r.name, address: r.address ?? '', interface: r.interface ?? 'eth0' } : { kind: 'process', name: r.name, command: r.command ?? [] },
    );
    const group: ResourceGroup = { name, resources, preferredNode: dto.preferredNode ?? null, sticky: dto.sticky ?? true };
    const problems = groupProblems(group, this.configs.current().config.groups ?? [], members);
    if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, problems.join('; '));
    await this.configs.propose({ kind: 'put-group', group });
    return (await this.groups()).find((g) => g.name === name) as GroupStateDto;
  }

  /** Pins the group on a node (moved there with a stop-first handover), or clears the pin. */
  async move(name: string, node: string | null): Promise<GroupStateDto> {
    if (!(this.configs.current().config.groups ?? []).some((g) => g.name === name)) throw new DomainError(ErrorCode.NotFound, `no group named ${name}`);
    const members = this.replication.state().members.map((m) => m.name);
    if (node !== null && !members.includes(node)) throw new DomainError(ErrorCode.MemberNotFound, `no member named ${node} (members: ${members.join(', ')})`);
    await this.configs.propose({ kind: 'move', group: name, node });
    return (await this.groups()).find((g) => g.name === name) as GroupStateDto;
  }

  async deleteGroup(name: string): Promise<void> {
    if (!(this.configs.current().config.groups ?? []).some((g) => g.name === name)) throw new DomainError(ErrorCode.NotFound, `no group named ${name}`);
    await this.configs.propose({ kind: 'delete-group', name });
  }

  async groups(): Promise<GroupStateDto[]> {
    const { config } = this.configs.current();
    const state = this.replication.state();
    const owners = [...new Set(Object.values(config.assignments ?? {}).filter((o): o is string => !!o))];
    const reports = new Map<string, LocalResourceState>();
    await Promise.all(
      owners.map(async (owner) => {
        if (owner === state.self.nodeName) return reports.set(owner, this.engine.localState());
        const member = state.members.find((m) => m.name === owner);
        if (!member) return;
        const answer = await this.client
          .call<LocalResourceState>({ meshIp: member.meshIp, port: state.self.peerApiPort }, 'GET', RESOURCE_STATE_PATH, { sign: this.replication.signer(state), timeoutMs: 1_500 })
          .catch(() => null);
        if (answer?.status === 200) reports.set(owner, answer.body);
      }),
    );
    return (config.groups ?? []).map((g) => {
      const owner = config.assignments?.[g.name] ?? null;
      const report = owner ? reports.get(owner)?.[g.name] : undefined;
      return {
        name: g.name,
        preferredNode: g.preferredNode,
        sticky: g.sticky,
        owner,
        movedTo: config.moves?.[g.name] ?? null,
        resources: g.resources.map((r) => ({ name: r.name, kind: r.kind, detail: r.kind === 'vip' ? `${r.address} on ${r.interface}` : r.command.join(' '), running: report ? (report[r.name] ?? false) : null })),
      };
    });
  }
}
