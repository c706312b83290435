import { Module } from '@nestjs/common';
import { PeerApiServer } from './peer-api.server';
import { PeerClient } from './peer-client';
import { PeerIdentitySource } from './peer-identity';

/** The agent-to-agent protocol: its route table, server and client (docs/architecture.md, "Peer protocol"). */
@Module({
  providers: [PeerIdentitySource, PeerApiServer, PeerClient],
  exports: [PeerIdentitySource, PeerApiServer, PeerClient],
})
export class PeerModule {}
