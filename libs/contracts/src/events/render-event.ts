import { isEventCode, type EventCode, type EventParams } from './event-catalogue';
import type { EventTexts } from './event-text';
import { EVENT_TEXT_EN } from './event-text.en';
import { EVENT_TEXT_FR } from './event-text.fr';

export type EventLang = 'fr' | 'en';

/** Both languages (a language missing here does not compile). */
export const EVENT_TEXTS: Record<EventLang, EventTexts> = { fr: EVENT_TEXT_FR, en: EVENT_TEXT_EN };

/**
 * An event in one language. Accepts what came over the wire (`code: string`): a code this
 * client does not know (a newer agent) is shown as its code and parameters, never dropped.
 */
export function renderEvent(lang: EventLang, event: { code: string; params: unknown }): string {
  if (!isEventCode(event.code)) return `${event.code} ${JSON.stringify(event.params ?? {})}`;
  const text = EVENT_TEXTS[lang][event.code] as (p: EventParams[EventCode]) => string;
  try {
    return text(event.params as EventParams[EventCode]);
  } catch {
    // Parameters from an older or newer agent that do not fit: still say something.
    return `${event.code} ${JSON.stringify(event.params ?? {})}`;
  }
}
