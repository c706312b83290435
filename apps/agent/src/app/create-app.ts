import 'reflect-metadata';
import { ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AgentConfig } from '../config/agent-config';
import { CREDENTIAL_ROUTES, LoginThrottle } from '../auth/login-throttle';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { credentialGate } from '../http/credential-gate';
import { jsonBody } from '../http/json-body';
import { requestObserver, securityHeaders } from '../http/request-observer';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { MetricsService } from '../metrics/metrics.service';
import { API_PREFIX, buildOpenApiDocument, serveOpenApi } from '../openapi/openapi';
import { mountDashboard } from '../web/dashboard';
import { AppModule } from './app.module';

export interface CreateAppOptions {
  /** Where log lines go (default stdout). Tests capture them. */
  writeLog?: (line: string) => void;
}

/** Builds the agent's HTTP application, fully configured but not listening. */
export async function createAgentApp(config: AgentConfig, options: CreateAppOptions = {}): Promise<NestExpressApplication> {
  const secrets = new SecretRegistry();
  const logger = new JsonLogger(config.logLevel, secrets, options.writeLog);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, logger, secrets), { logger, bufferLogs: true, bodyParser: false });
  app.useLogger(logger);
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.use(securityHeaders);
  app.use(requestObserver(logger, app.get(MetricsService)));
  app.use(credentialGate(Object.fromEntries(Object.entries(CREDENTIAL_ROUTES).map(([path, route]) => [`/${API_PREFIX}/${path}`, route])), app.get(LoginThrottle)));
  app.use(jsonBody());
  app.setGlobalPrefix(API_PREFIX, { exclude: ['metrics'] });
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, forbidUnknownValues: true }));
  app.useGlobalFilters(new AllExceptionsFilter(logger));
  serveOpenApi(app, buildOpenApiDocument(app));
  mountDashboard(app, config.webDir, logger);
  app.enableShutdownHooks();
  return app;
}
