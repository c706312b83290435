import { Inject, Injectable } from '@nestjs/common';
import type { AgentConfig } from '../config/agent-config';
import { AGENT_CONFIG } from '../config/agent-config.token';
import { SecretRegistry } from '../logging/secret-registry';
import { secretsEqual } from './constant-time';
import { localUrlFor, newLocalCredential, writeLocalCredentialFile } from './local-credential';

/** The root-only credential the CLI uses instead of a password; renewed at each boot. */
@Injectable()
export class LocalCredentialService {
  private readonly credential = newLocalCredential();

  constructor(
    @Inject(AGENT_CONFIG) private readonly config: AgentConfig,
    secrets: SecretRegistry,
  ) {
    secrets.add(this.credential);
  }

  /** Called once the listener is up, when the real port is known. */
  publish(port: number): string {
    return writeLocalCredentialFile(this.config.dataDir, { url: localUrlFor(this.config.bindHost, port), credential: this.credential });
  }

  matches(given: string): boolean {
    return secretsEqual(given, this.credential);
  }
}
