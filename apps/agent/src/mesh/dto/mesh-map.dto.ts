import { ApiProperty } from '@nestjs/swagger';

export class LinkViewPeerDto {
  @ApiProperty() name!: string;
  /** A handshake in the last 3 minutes. */
  @ApiProperty() connected!: boolean;
  @ApiProperty({ type: Number, nullable: true }) handshakeAgeSeconds!: number | null;
  /** The latest probe's round trip over the mesh; null when it got no answer. */
  @ApiProperty({ type: Number, nullable: true }) rttMs!: number | null;
}

/** What one member sees of its links, or that it did not answer. */
export class MemberLinkViewDto {
  @ApiProperty() node!: string;
  /** False when the member did not answer this node (its view is unknown, not its links down). */
  @ApiProperty() answered!: boolean;
  @ApiProperty({ type: [LinkViewPeerDto] }) peers!: LinkViewPeerDto[];
}

/** The whole mesh: every member's view of every link, so an asymmetric cut shows. */
export class MeshMapDto {
  /** The node that gathered the views. */
  @ApiProperty() askedBy!: string;
  @ApiProperty({ type: [String] }) nodes!: string[];
  @ApiProperty({ type: [MemberLinkViewDto] }) views!: MemberLinkViewDto[];
}

export class LinkSampleDto {
  /** Epoch ms. */
  @ApiProperty() at!: number;
  @ApiProperty({ type: Number, nullable: true }) rttMs!: number | null;
  @ApiProperty({ type: Number, nullable: true }) rxPerSecond!: number | null;
  @ApiProperty({ type: Number, nullable: true }) txPerSecond!: number | null;
}

export class PeerHistoryDto {
  @ApiProperty() name!: string;
  @ApiProperty({ type: [LinkSampleDto] }) samples!: LinkSampleDto[];
}

/** This node's links over the last hour, one sample every 30 s. */
export class MeshHistoryDto {
  @ApiProperty() periodSeconds!: number;
  @ApiProperty({ type: [PeerHistoryDto] }) peers!: PeerHistoryDto[];
}
