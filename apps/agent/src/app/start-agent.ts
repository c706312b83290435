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

/** Creates the app, publishes the local credential, listens and says how to finish the first run. */
export async function startAgent(config: AgentConfig, options: CreateAppOptions = {}): Promise<RunningAgent> {
  const app = await createAgentApp(config, options);
  // With a fixed port the credential is published before the first connection is accepted, so the
  // CLI never reads the previous start's credential and meets the new agent with it.
  const credentials = app.get(LocalCredentialService);
  const early = config.bindPort !== 0 ? credentials.publish(config.bindPort) : null;
  try {
    await app.listen(config.bindPort, config.bindHost);
  } catch (error) {
    // Nothing half-started: the loops and listeners the app began are stopped before the error goes up.
    await app.close().catch(() => undefined);
    throw error;
  }
  const port = (app.getHttpServer().address() as AddressInfo).port;
  const url = localUrlFor(config.bindHost, port);
  const logger = app.get(JsonLogger);
  const credentialFile = early ?? credentials.publish(port);
  logger.event('info', 'agent', `sfha agent ${AGENT_VERSION} listening on ${config.bindHost}:${port}`, {
    node: config.nodeName,
    dataDir: config.dataDir,
    credentialFile,
  });
  app.get(AuthService).announceFirstRun(url);
  return { app, url, port };
}
