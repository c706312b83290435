import type { SchedulerEvent } from './snapshot';

/** An event of the catalogue's shape, its parameters checked against its code. */
export const event = <C extends SchedulerEvent['code']>(code: C, params: Extract<SchedulerEvent, { code: C }>['params']): SchedulerEvent => ({ code, params }) as SchedulerEvent;
