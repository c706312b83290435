import { Injectable } from '@nestjs/common';
import { classifyEvent, renderEvent, type ClusterEvent, type EventInput } from '@sfha/contracts';
import { Subject, type Observable } from 'rxjs';
import { currentActor } from '../auth/actor-context';
import { JsonLogger } from '../logging/json-logger';
import { EventsRepository, type EventFilter } from './events.repository';

/**
 * Records events (persisted, logged in English) and streams them to live subscribers (SSE).
 * `record({ code: 'node.left', params: { node } })`: the catalogue gives category and severity.
 */
@Injectable()
export class EventsService {
  private readonly live = new Subject<ClusterEvent>();

  constructor(
    private readonly repo: EventsRepository,
    private readonly logger: JsonLogger,
  ) {}

  /** The user or token of the request being handled is recorded unless the input names one. */
  record(input: EventInput): ClusterEvent {
    const user = input.user ?? currentActor();
    const event = this.repo.insert({ ...input, ...(user ? { user } : {}), ...classifyEvent(input), at: new Date().toISOString() });
    this.logger.event(event.severity, event.category, renderEvent('en', event), { code: event.code, ...(event.params as Record<string, unknown>), ...(event.user ? { user: event.user } : {}) });
    this.live.next(event);
    return event;
  }

  list(filter: EventFilter): ClusterEvent[] {
    return this.repo.list(filter);
  }

  stream(): Observable<ClusterEvent> {
    return this.live.asObservable();
  }
}
