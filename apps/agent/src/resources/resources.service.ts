import { Inject, Injectable } from '@nestjs/common';
import {
  DEFAULT_RESTART_POLICY,
  enabledUnitProblem,
  groupProblems,
  isMeshVip,
  meshVipAddress,
  meshVipProblems,
  witnessPlacementProblem,
  type Resource,
  type ResourceGroup,
  type SystemdDriver,
} from '@sfha/ha';

const HEALTH_DEFAULTS = { intervalMs: 2_000, timeoutMs: 1_000, failuresBeforeUnhealthy: 2, successesBeforeHealthy: 1 };
/** DTO instances carry unset optional fields as own undefined properties: drop them before merging defaults. */
const definedOnly = <T extends object>(value: T): Partial<T> => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
const withHealth = (r: ResourceSpecDto) => (r.health ? { health: { ...HEALTH_DEFAULTS, ...definedOnly(r.health), kind: r.health.kind, target: r.health.target } } : {});
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { MeshFacade } from '../mesh/mesh.facade';
import type { GroupStateDto, PutGroupDto, ResourceSpecDto } from './dto/resources.dto';
import { SYSTEMD_DRIVER } from './resource-driver.provider';
import { InvitedAddresses } from './invited-addresses.service';
import { ResourceEngine } from './resource-engine.service';

const witnessesOf = (members: readonly { name: string; role?: string }[]) => members.filter((m) => m.role === 'witness').map((m) => m.name);

/** Resource groups in the replicated config, and where they run. */
@Injectable()
export class ResourcesService {
  constructor(
    private readonly configs: ClusterConfigService,
    private readonly mesh: MeshFacade,
    private readonly engine: ResourceEngine,
    private readonly invited: InvitedAddresses,
    @Inject(SYSTEMD_DRIVER) private readonly systemd: SystemdDriver,
  ) {}

  async putGroup(name: string, dto: PutGroupDto): Promise<GroupStateDto> {
    const mesh = this.mesh.state();
    const members = mesh.members.map((m) => m.name);
    const resources: Resource[] = dto.resources.map((r) =>
      r.kind === 'vip'
        ? r.network === 'mesh'
          ? { kind: 'vip', name: r.name, address: meshVipAddress(r.address ?? ''), interface: mesh.self.interface, network: 'mesh' }
          : { kind: 'vip', name: r.name, address: r.address ?? '', interface: r.interface ?? 'eth0' }
        : r.kind === 'systemd'
          ? { kind: 'systemd', name: r.name, unit: r.unit ?? '', ...withHealth(r) }
          : { kind: 'process', name: r.name, command: r.command ?? [], ...withHealth(r) },
    );
    const group: ResourceGroup = {
      name,
      resources,
      preferredNode: dto.preferredNode ?? null,
      sticky: dto.sticky ?? true,
      ...(dto.maxRestarts !== undefined ? { restart: { ...DEFAULT_RESTART_POLICY, maxRestarts: dto.maxRestarts } } : {}),
    };
    const problems = [
      ...groupProblems(group, this.configs.current().config.groups ?? [], members),
      ...[witnessPlacementProblem(name, group.preferredNode, witnessesOf(mesh.members))].filter((p): p is string => p !== null),
      // Invitations, in turn, avoid every mesh VIP.
      ...meshVipProblems(group, { network: mesh.cluster.network, memberIps: mesh.members.map((m) => m.meshIp), invitedIps: resources.some(isMeshVip) ? await this.invited.clusterWide() : [] }),
      ...dto.resources.filter((r) => r.kind === 'vip' && r.health).map((r) => `${r.name}: a VIP takes no health check (put it on the service)`),
      ...dto.resources.filter((r) => r.network === 'mesh' && r.interface !== undefined).map((r) => `${r.name}: a mesh VIP is carried by the mesh interface: give no interface`),
      ...(await this.enabledUnits(resources)),
    ];
    if (problems.length > 0) throw new DomainError(ErrorCode.ValidationFailed, problems.join('; '));
    await this.configs.propose({ kind: 'put-group', group });
    return (await this.groups()).find((g) => g.name === name) as GroupStateDto;
  }

  /**
   * Units systemd starts at boot on this node (each node refuses to start them too; the unit
   * may exist only on others). A unit this node cannot query (absent, no systemd) is left to them.
   */
  private async enabledUnits(resources: readonly Resource[]): Promise<string[]> {
    const units = resources.filter((r) => r.kind === 'systemd');
    const problems = await Promise.all(
      units.map((r) =>
        this.systemd.unitState(r.unit).then(
          (state) => enabledUnitProblem(r.unit, state),
          () => null,
        ),
      ),
    );
    return problems.flatMap((problem, i) => (problem ? [`${units[i]?.name ?? ''}: ${problem}`] : []));
  }

  /** Pins the group on a node (moved there with a stop-first handover), or clears the pin. */
  async move(name: string, node: string | null): Promise<GroupStateDto> {
    if (!(this.configs.current().config.groups ?? []).some((g) => g.name === name)) throw new DomainError(ErrorCode.NotFound, `no group named ${name}`);
    const state = this.mesh.state();
    const members = state.members.map((m) => m.name);
    if (node !== null && !members.includes(node)) throw new DomainError(ErrorCode.MemberNotFound, `no member named ${node} (members: ${members.join(', ')})`);
    const onWitness = witnessPlacementProblem(name, node, witnessesOf(state.members));
    if (onWitness) throw new DomainError(ErrorCode.ValidationFailed, onWitness);
    await this.configs.propose({ kind: 'move', group: name, node });
    return (await this.groups()).find((g) => g.name === name) as GroupStateDto;
  }

  async deleteGroup(name: string): Promise<void> {
    if (!(this.configs.current().config.groups ?? []).some((g) => g.name === name)) throw new DomainError(ErrorCode.NotFound, `no group named ${name}`);
    await this.configs.propose({ kind: 'delete-group', name });
  }

  async groups(): Promise<GroupStateDto[]> {
    const { config } = this.configs.current();
    const owners = [...new Set(Object.values(config.assignments ?? {}).filter((o): o is string => !!o))];
    const reports = await this.engine.fullReports(owners);
    return (config.groups ?? []).map((g) => {
      const owner = config.assignments?.[g.name] ?? null;
      const report = owner ? reports.get(owner)?.running[g.name] : undefined;
      const health = owner ? reports.get(owner)?.health[g.name] : undefined;
      return {
        name: g.name,
        preferredNode: g.preferredNode,
        sticky: g.sticky,
        owner,
        movedTo: config.moves?.[g.name] ?? null,
        maxRestarts: (g.restart ?? DEFAULT_RESTART_POLICY).maxRestarts,
        bannedOn: config.bans?.[g.name] ?? [],
        resources: g.resources.map((r) => ({
          name: r.name,
          kind: r.kind,
          detail: r.kind === 'vip' ? `${r.address} (${r.interface})` : r.kind === 'systemd' ? r.unit : r.command.join(' '),
          running: report ? (report[r.name] ?? false) : null,
          health: health?.[r.name]?.status ?? null,
          healthDetail: health?.[r.name]?.detail ?? null,
          restarts: health?.[r.name]?.restarts ?? 0,
          spec: r,
        })),
      };
    });
  }
}
