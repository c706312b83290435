import { ExecError, redact, type Executor } from '@sfha/exec';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { FENCE_AGENT_NAME, parseFenceMetadata, renderFenceStdin, type FenceAgentMetadata } from '../fence-agent';

export class FenceAgentNotFound extends Error {}

export interface FenceRun {
  /** fence-agents: 0 done / power on, 2 power off (status), anything else a failure. */
  exitCode: number;
  /** The agent's last output lines, secrets masked. */
  output: string;
  durationMs: number;
}

/** Runs the standard fence-agents (fence_ipmilan, fence_pve, …) through their stdin protocol. */
export interface FenceAgentDriver {
  metadata(agent: string): Promise<FenceAgentMetadata>;
  run(agent: string, params: Readonly<Record<string, string>>, action: string, plug: string | null, options: { timeoutMs: number; secrets: string[] }): Promise<FenceRun>;
}

const SEARCH_DIRS = ['/usr/sbin', '/usr/local/sbin', '/sbin'];

export function createFenceAgentDriver(exec: Executor, env: Readonly<Record<string, string | undefined>> = process.env): FenceAgentDriver {
  const resolve = (agent: string): string => {
    if (!FENCE_AGENT_NAME.test(agent)) throw new FenceAgentNotFound(`"${agent}" is not a fence agent name (fence_…)`);
    for (const dir of [...(env.PATH ?? '').split(delimiter), ...SEARCH_DIRS]) {
      if (!dir) continue;
      try {
        accessSync(join(dir, agent), constants.X_OK);
        return join(dir, agent);
      } catch {
        /* not here */
      }
    }
    throw new FenceAgentNotFound(`fence agent ${agent} is not installed (apt-get install fence-agents)`);
  };

  return {
    async metadata(agent) {
      const { stdout } = await exec.run(resolve(agent), ['-o', 'metadata'], { timeoutMs: 10_000 });
      return parseFenceMetadata(stdout);
    },

    async run(agent, params, action, plug, options) {
      const path = resolve(agent);
      try {
        const result = await exec.run(path, [], { input: renderFenceStdin(params, action, plug), timeoutMs: options.timeoutMs, secrets: options.secrets, allowFailure: true });
        const output = redact(`${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-3).join(' | '), options.secrets);
        return { exitCode: result.exitCode, output, durationMs: result.durationMs };
      } catch (error) {
        if (error instanceof ExecError) return { exitCode: error.result.exitCode, output: error.message, durationMs: error.result.durationMs };
        throw error;
      }
    },
  };
}
