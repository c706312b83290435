import type { Executor } from '@sfha/exec';
import { createHealthProbe, createResourceDriver, createSystemdDriver } from '@sfha/ha';
import { EXECUTOR } from '../exec/executor.provider';

export const RESOURCE_DRIVER = Symbol('RESOURCE_DRIVER');

export const resourceDriverProvider = { provide: RESOURCE_DRIVER, inject: [EXECUTOR], useFactory: (exec: Executor) => createResourceDriver(exec) };

export const HEALTH_PROBE = Symbol('HEALTH_PROBE');

export const healthProbeProvider = { provide: HEALTH_PROBE, inject: [EXECUTOR], useFactory: (exec: Executor) => createHealthProbe(exec) };

export const SYSTEMD_DRIVER = Symbol('SYSTEMD_DRIVER');

/** systemctl queries outside the engine (checks of a group being set). */
export const systemdDriverProvider = { provide: SYSTEMD_DRIVER, inject: [EXECUTOR], useFactory: (exec: Executor) => createSystemdDriver(exec) };
