import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { MeshRepository } from '../mesh/mesh.repository';
import { SecretRegistry } from '../logging/secret-registry';
import { JWT_SIGNING_KEY } from './jwt-signing-key';

/**
 * The HMAC key of session JWTs. In a cluster it is derived from the cluster secret, so a
 * session opened on one node is valid on every member (a browser may move to another node);
 * a node alone uses its own key.
 */
@Injectable()
export class SessionKeys {
  constructor(
    @Inject(JWT_SIGNING_KEY) private readonly localKey: string,
    private readonly mesh: MeshRepository,
    private readonly secrets: SecretRegistry,
  ) {}

  current(): string {
    const cluster = this.mesh.cluster();
    if (!cluster) return this.localKey;
    const key = createHmac('sha256', cluster.secret).update('sfha admin sessions v1').digest('base64url');
    this.secrets.add(key);
    return key;
  }
}
