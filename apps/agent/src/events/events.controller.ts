import { AnyRole } from '../auth/access-rule';
import { Controller, Get, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { renderEvent, type ClusterEvent } from '@sfha/contracts';
import { filter, map, type Observable } from 'rxjs';
import { EventDto, EventQueryDto } from './dto/events.dto';
import { ClusterTimeline } from './cluster-timeline.service';
import { EventsService } from './events.service';

const toDto = (e: ClusterEvent): EventDto => ({ ...e, params: e.params as Record<string, unknown>, message: renderEvent('en', e) });

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(
    private readonly events: EventsService,
    private readonly timeline: ClusterTimeline,
  ) {}

  @AnyRole()
  @Get()
  @ApiOperation({ operationId: 'listEvents', summary: 'The cluster timeline (every member merged), newest first, with filters' })
  @ApiOkResponse({ type: [EventDto] })
  async list(@Query() query: EventQueryDto): Promise<EventDto[]> {
    const { after, limit, scope, ...filters } = query;
    if (after !== undefined || scope === 'node') return this.events.list({ ...filters, ...(after !== undefined ? { afterId: after } : {}), limit: limit ?? 100 }).map(toDto);
    return (await this.timeline.list({ ...filters, limit: limit ?? 100 })).map(toDto);
  }

  @AnyRole()
  @Sse('stream')
  @ApiOperation({ operationId: 'streamEvents', summary: 'New events as they happen (Server-Sent Events)' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ schema: { type: 'string' } })
  stream(@Query() query: EventQueryDto): Observable<MessageEvent> {
    return this.events.stream().pipe(
      filter((e) => (!query.category || e.category === query.category) && (!query.severity || e.severity === query.severity)),
      map((e) => ({ id: String(e.id), type: e.category, data: toDto(e) })),
    );
  }
}
