import type { EventCode, EventParams } from './event-catalogue';

/** One language's texts: a function per code (a missing code does not compile). */
export type EventTexts = { [C in EventCode]: (params: EventParams[C]) => string };

/** Joins names for a sentence: "a, b". */
export const names = (list: readonly string[]): string => list.join(', ');
