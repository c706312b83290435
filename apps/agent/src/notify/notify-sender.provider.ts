import type { Executor } from '@sfha/exec';
import { EXECUTOR } from '../exec/executor.provider';
import { createNotifySender } from './notify-sender';

export const NOTIFY_SENDER = Symbol('NOTIFY_SENDER');
export const notifySenderProvider = { provide: NOTIFY_SENDER, inject: [EXECUTOR], useFactory: (exec: Executor) => createNotifySender(exec) };
