import type { Executor } from '@sfha/exec';
import { createHealthProbe, createResourceDriver } from '@sfha/ha';
import { EXECUTOR } from '../exec/executor.provider';

export const RESOURCE_DRIVER = Symbol('RESOURCE_DRIVER');

export const resourceDriverProvider = { provide: RESOURCE_DRIVER, inject: [EXECUTOR], useFactory: (exec: Executor) => createResourceDriver(exec) };

export const HEALTH_PROBE = Symbol('HEALTH_PROBE');

export const healthProbeProvider = { provide: HEALTH_PROBE, inject: [EXECUTOR], useFactory: (exec: Executor) => createHealthProbe(exec) };
