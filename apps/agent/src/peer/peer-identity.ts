import { Injectable } from '@nestjs/common';

/** What the peer API needs to sign and check requests: known once this node is in a cluster. */
export interface PeerIdentity {
  /** The cluster secret (HMAC key of every signed request). */
  secret: string;
  nodeName: string;
  /** The peer API port, the same on every member. */
  port: number;
  /** Each member's mesh address: WireGuard ties it to the member's key, so it names the caller. */
  members: readonly { name: string; meshIp: string }[];
}

/**
 * Where the peer API reads this node's identity. The mesh provides it (it holds the cluster
 * record); the peer folder never reads the mesh's storage, and the mesh never builds requests.
 */
@Injectable()
export class PeerIdentitySource {
  private source: () => PeerIdentity | null = () => null;

  use(source: () => PeerIdentity | null): void {
    this.source = source;
  }

  current(): PeerIdentity | null {
    return this.source();
  }
}
