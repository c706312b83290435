import type { Executor } from '@sfha/exec';
import { createWireGuardDriver } from '@sfha/mesh';
import { EXECUTOR } from '../exec/executor.provider';

export const WIREGUARD_DRIVER = Symbol('WIREGUARD_DRIVER');

export const wireGuardDriverProvider = { provide: WIREGUARD_DRIVER, inject: [EXECUTOR], useFactory: (exec: Executor) => createWireGuardDriver(exec) };
