import type { Executor } from '@sfha/exec';
import { createResourceDriver } from '@sfha/ha';
import { EXECUTOR } from '../exec/executor.provider';

export const RESOURCE_DRIVER = Symbol('RESOURCE_DRIVER');

export const resourceDriverProvider = { provide: RESOURCE_DRIVER, inject: [EXECUTOR], useFactory: (exec: Executor) => createResourceDriver(exec) };
