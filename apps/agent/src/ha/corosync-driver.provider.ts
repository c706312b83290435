import { createCorosyncDriver } from '@sfha/ha';
import type { Executor } from '@sfha/exec';
import { EXECUTOR } from '../exec/executor.provider';

export const COROSYNC_DRIVER = Symbol('COROSYNC_DRIVER');

export const corosyncDriverProvider = { provide: COROSYNC_DRIVER, inject: [EXECUTOR], useFactory: (exec: Executor) => createCorosyncDriver(exec) };
