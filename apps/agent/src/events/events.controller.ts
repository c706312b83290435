import { Controller, Get, MessageEvent, Query, Sse } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { filter, map, type Observable } from 'rxjs';
import { EventDto, EventQueryDto } from './dto/events.dto';
import { EventsService } from './events.service';

@ApiTags('events')
@ApiBearerAuth()
@Controller('events')
export class EventsController {
  constructor(private readonly events: EventsService) {}

  @Get()
  @ApiOperation({ operationId: 'listEvents', summary: 'The event timeline, newest first, with filters' })
  @ApiOkResponse({ type: [EventDto] })
  list(@Query() query: EventQueryDto): EventDto[] {
    return this.events.list({ ...(query.category ? { category: query.category } : {}), ...(query.after !== undefined ? { afterId: query.after } : {}), limit: query.limit ?? 100 });
  }

  @Sse('stream')
  @ApiOperation({ operationId: 'streamEvents', summary: 'New events as they happen (Server-Sent Events)' })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ schema: { type: 'string' } })
  stream(@Query() query: EventQueryDto): Observable<MessageEvent> {
    return this.events.stream().pipe(
      filter((e) => !query.category || e.category === query.category),
      map((e) => ({ id: String(e.id), type: e.category, data: e })),
    );
  }
}
