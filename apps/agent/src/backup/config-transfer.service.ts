import { Injectable } from '@nestjs/common';
import {
  CONFIG_DOCUMENT_FORMAT,
  CONFIG_DOCUMENT_VERSION,
  configDiff,
  documentProblems,
  fenceParameterProblems,
  maskedNotifyTarget,
  parseConfigDocument,
  portableConfig,
  unmaskedConfig,
  type ConfigDocument,
  type FenceDevice,
  type PortableConfig,
} from '@sfha/ha';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import type { FenceDeviceDto } from '../fencing/dto/fencing.dto';
import { FencingService } from '../fencing/fencing.service';
import { ClusterConfigService } from '../ha/cluster-config.service';
import { notInCluster } from '../mesh/mesh-errors';
import { MeshFacade } from '../mesh/mesh.facade';
import { AGENT_VERSION } from '../version';
import type { ImportResultDto } from './dto/config-transfer.dto';

/** A device as the fencing API shows it (secrets masked), back in the config's shape. */
function deviceFromDto(d: FenceDeviceDto): FenceDevice {
  const common = { name: d.name, hostMap: d.hostMap, timeoutSeconds: d.timeoutSeconds };
  return d.kind === 'webhook' && d.webhook
    ? { ...common, kind: 'webhook', webhook: { url: d.webhook.url, headers: d.webhook.headers ?? {} } }
    : { ...common, kind: 'agent', agent: d.agent ?? '', params: d.params };
}

/** `sfha config export|import` (docs/backup.md): the replicated config as one JSON document. */
@Injectable()
export class ConfigTransferService {
  constructor(
    private readonly configs: ClusterConfigService,
    private readonly fencing: FencingService,
    private readonly mesh: MeshFacade,
  ) {}

  /** The committed config; secrets masked the way the fencing API masks them, unless asked for. */
  async export(withSecrets: boolean): Promise<ConfigDocument> {
    const { generation, config } = this.configs.current();
    const portable = portableConfig(config);
    const fenceDevices = withSecrets ? portable.fenceDevices.map((d): FenceDevice => (d.kind === 'webhook' ? d : { ...d, kind: 'agent' })) : (await this.fencing.devices()).map(deviceFromDto);
    return {
      format: CONFIG_DOCUMENT_FORMAT,
      version: CONFIG_DOCUMENT_VERSION,
      cluster: this.mesh.stateOrNull()?.cluster.name ?? '',
      generation,
      exportedAt: new Date().toISOString(),
      sfhaVersion: AGENT_VERSION,
      secrets: withSecrets ? 'included' : 'masked',
      config: { ...portable, fenceDevices, notifyTargets: withSecrets ? portable.notifyTargets : portable.notifyTargets.map(maskedNotifyTarget) },
    };
  }

  /**
   * Checks the whole document (layout, then content against the members and each fence
   * agent's metadata), and commits it as one change; any problem refuses it all (400).
   */
  async import(text: string, dryRun: boolean): Promise<ImportResultDto> {
    const parsed = parseConfigDocument(text);
    if ('problems' in parsed) throw new DomainError(ErrorCode.BadConfigDocument, parsed.problems.join('; '));
    const mesh = this.mesh.stateOrNull();
    if (!mesh) throw notInCluster();
    const current = this.configs.current();
    const { config, problems } = unmaskedConfig(parsed.document.config, current.config);
    const members = mesh.members.map((m) => m.name);
    problems.push(...documentProblems(config, members), ...(await this.agentProblems(config)));
    if (problems.length > 0) throw new DomainError(ErrorCode.BadConfigDocument, problems.join('; '));
    const changes = configDiff(portableConfig(current.config), config);
    if (dryRun || changes.length === 0) return { applied: false, generation: current.generation, changes };
    const committed = await this.configs.propose({ kind: 'replace', config });
    return { applied: true, generation: committed.generation, changes };
  }

  /** Each agent device's parameters against its fence agent's metadata, as `stonith device-set` checks them. */
  private async agentProblems(config: PortableConfig): Promise<string[]> {
    const found = await Promise.all(
      config.fenceDevices.map(async (d) => {
        if (d.kind === 'webhook') return [];
        try {
          return fenceParameterProblems(await this.fencing.metadata(d.agent), d.params).map((p) => `fence device ${d.name}: ${p}`);
        } catch (error) {
          return [`fence device ${d.name}: ${(error as Error).message}`];
        }
      }),
    );
    return found.flat();
  }
}
