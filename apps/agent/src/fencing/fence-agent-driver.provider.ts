import type { Executor } from '@sfha/exec';
import { createFenceAgentDriver } from '@sfha/ha';
import { EXECUTOR } from '../exec/executor.provider';

export const FENCE_AGENT_DRIVER = Symbol('FENCE_AGENT_DRIVER');

export const fenceAgentDriverProvider = { provide: FENCE_AGENT_DRIVER, inject: [EXECUTOR], useFactory: (exec: Executor) => createFenceAgentDriver(exec) };
