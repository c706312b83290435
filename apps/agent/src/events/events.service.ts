import { Injectable } from '@nestjs/common';
import { Subject, type Observable } from 'rxjs';
import { JsonLogger } from '../logging/json-logger';
import { EventsRepository, type ClusterEvent, type EventCategory, type EventSeverity } from './events.repository';

/** Records events (persisted, logged) and streams them to live subscribers (SSE). */
@Injectable()
export class EventsService {
  private readonly live = new Subject<ClusterEvent>();

  constructor(
    private readonly repo: EventsRepository,
    private readonly logger: JsonLogger,
  ) {}

  record(category: EventCategory, severity: EventSeverity, message: string, fields: Record<string, unknown> = {}): ClusterEvent {
    const event = this.repo.insert({ at: new Date().toISOString(), category, severity, message, fields });
    this.logger.event(severity, category, message, fields);
    this.live.next(event);
    return event;
  }

  list(filter: { category?: EventCategory; afterId?: number; limit: number }): ClusterEvent[] {
    return this.repo.list(filter);
  }

  stream(): Observable<ClusterEvent> {
    return this.live.asObservable();
  }
}
