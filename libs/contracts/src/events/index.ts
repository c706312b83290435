export * from './event-catalogue';
export { renderEvent, EVENT_TEXTS } from './render-event';
export type { EventLang } from './render-event';
export type { EventTexts } from './event-text';
