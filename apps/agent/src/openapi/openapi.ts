import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { PUBLIC_EXTENSION } from '../auth/public.decorator';
import { AGENT_VERSION } from '../version';

export const API_PREFIX = 'api/v1';
export const BEARER = 'bearer';

/** The OpenAPI document of the admin API: bearer auth on every operation not marked public. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('sfha agent API')
    .setDescription('Admin API of an sfha node. Every operation needs `Authorization: Bearer <token>` (POST /api/v1/auth/login) unless marked public.')
    .setVersion(AGENT_VERSION)
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, BEARER)
    .build();
  const document = SwaggerModule.createDocument(app, config, { operationIdFactory: (_controller, method) => method });
  for (const item of Object.values(document.paths)) {
    for (const operation of Object.values(item)) {
      if (typeof operation !== 'object' || operation === null || !('responses' in operation)) continue;
      const op = operation as { security?: unknown; [PUBLIC_EXTENSION]?: unknown };
      op.security = op[PUBLIC_EXTENSION] === true ? [] : [{ [BEARER]: [] }];
    }
  }
  return document;
}

export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/openapi.json', yamlDocumentUrl: 'api/openapi.yaml' });
}
