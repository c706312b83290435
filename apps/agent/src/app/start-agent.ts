import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { AuthService } from '../auth/auth.service';
import { localUrlFor } from '../auth/local-credential';
import { LocalCredentialService } from '../auth/local-credential.service';
import type { AgentConfig } from '../config/agent-config';
import { JsonLogger } from '../logging/json-logger';
import { AGENT_VERSION } from '../version';
import { createAgentApp, type CreateAppOptions } from './create-app';

export interface RunningAgent {
  app: NestExpressApplication;
  /** The admin listener's base URL, e.g. http://127.0.0.1:7780 */
  url: string;
  port: number;
}

/** Creates the app, listens, publishes the local credential and says how to finish the first run. */
export async function startAgent(config: AgentConfig, options: CreateAppOptions = {}): Promise<RunningAgent> {
  const app = await createAgentApp(config, options);
  await app.listen(config.bindPort, config.bindHost);
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const url = localUrlFor(config.bindHost, port);
  const logger = app.get(JsonLogger);
  const credentialFile = app.get(LocalCredentialService).publish(port);
  logger.event('info', 'agent', `sfha agent ${AGENT_VERSION} listening on ${config.bindHost}:${port}`, {
    node: config.nodeName,
    dataDir: config.dataDir,
    credentialFile,
  });
  app.get(AuthService).announceFirstRun(url);
  return { app, url, port };
}
