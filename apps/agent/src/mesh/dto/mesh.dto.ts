import { TokenDto } from '../../auth/dto/auth.dto';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { OptionalField } from '../../http/optional-field';

export const NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
export const IPV4_PATTERN = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
export const CIDR_PATTERN = new RegExp(`^${OCTET}(\\.${OCTET}){3}\\/(3[0-2]|[12]?\\d)$`);
export const ENDPOINT_PATTERN = /^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):([1-9]\d{0,4})$/;
export const WG_KEY_PATTERN = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw480]=$/;

const NAME_MESSAGE = '$property must be 1-63 lowercase letters, digits or dashes, not starting or ending with a dash';
const ENDPOINT_MESSAGE = '$property must be HOST:PORT, for example 203.0.113.7:51820';

export class InitClusterDto {
  /** Name of the new cluster. */
  @ApiProperty({ example: 'prod' })
  @IsString()
  @Matches(NAME_PATTERN, { message: NAME_MESSAGE })
  cluster!: string;

  /** This node's mesh address with the mesh network's prefix. */
  @ApiProperty({ example: '10.100.0.1/24' })
  @IsString()
  @Matches(CIDR_PATTERN, { message: '$property must be an IPv4 address with a prefix, for example 10.100.0.1/24' })
  address!: string;

  /** WireGuard UDP port of every node (default 51820). */
  @ApiPropertyOptional({ example: 51820 })
  @OptionalField()
  @IsInt()
  @Min(1)
  @Max(65535)
  port?: number;

  /** host:port where the other nodes reach this one; detected when omitted. */
  @ApiPropertyOptional({ example: '203.0.113.7:51820' })
  @OptionalField()
  @IsString()
  @Matches(ENDPOINT_PATTERN, { message: ENDPOINT_MESSAGE })
  endpoint?: string;

  /** Persistent keepalive in seconds, 0 to turn it off (default 25). */
  @ApiPropertyOptional({ example: 25 })
  @OptionalField()
  @IsInt()
  @Min(0)
  @Max(3600)
  keepalive?: number;
}

/** What a member does (docs/design.md, "Witness"): `full` votes and runs groups; `witness` only votes. */
export const MEMBER_ROLES = ['full', 'witness'] as const;
export type MemberRoleDto = (typeof MEMBER_ROLES)[number];

export class MemberDto {
  @ApiProperty({ example: 'node2' }) name!: string;
  /** `witness`: votes for quorum, never runs a group. */
  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole' }) role!: MemberRoleDto;
  @ApiProperty({ example: '10.100.0.2' }) meshIp!: string;
  @ApiProperty() publicKey!: string;
  @ApiProperty({ type: String, nullable: true, example: '192.0.2.2:51820' }) endpoint!: string | null;
  @ApiProperty({ example: 25 }) keepalive!: number;
  @ApiProperty({ format: 'date-time' }) joinedAt!: string;
  /** This entry is the node answering. */
  @ApiProperty() self!: boolean;
}

export class ClusterDto {
  @ApiProperty() clusterId!: string;
  @ApiProperty({ example: 'prod' }) name!: string;
  @ApiProperty({ example: '10.100.0.0/24' }) network!: string;
  /** Generation of the member list. */
  @ApiProperty() generation!: number;
  @ApiProperty({ type: [MemberDto] }) members!: MemberDto[];
}

export class InitClusterResultDto extends ClusterDto {
  /**
   * The caller's session, renewed: sessions are signed with the cluster's key from now on, so the
   * one that created the cluster stops working. Null for an API token.
   */
  @ApiProperty({ type: TokenDto, nullable: true }) session!: TokenDto | null;
}

export class MeshPeerStatusDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole' }) role!: MemberRoleDto;
  @ApiProperty() meshIp!: string;
  @ApiProperty() publicKey!: string;
  /** The endpoint WireGuard uses now (it follows a roaming peer), else the configured one. */
  @ApiProperty({ type: String, nullable: true }) endpoint!: string | null;
  /** The member's own endpoint as it announced it (`HOST:PORT`, the host may be a DNS name). */
  @ApiProperty({ type: String, nullable: true, example: 'home.example.org:51820' }) configuredEndpoint!: string | null;
  /** Why its DNS name did not resolve at the last try (the last address is kept meanwhile), else null. */
  @ApiProperty({ type: String, nullable: true }) endpointProblem!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) latestHandshakeAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) handshakeAgeSeconds!: number | null;
  @ApiProperty() rxBytes!: number;
  @ApiProperty() txBytes!: number;
  @ApiProperty() keepalive!: number;
  /** Round trip over the mesh (TCP connect to its peer API), measured every 5 s. */
  @ApiProperty({ type: Number, nullable: true }) rttMs!: number | null;
  /** A handshake younger than 3 minutes. */
  @ApiProperty() connected!: boolean;
}

export class MeshSelfDto {
  @ApiProperty() name!: string;
  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole' }) role!: MemberRoleDto;
  @ApiProperty() meshIp!: string;
  @ApiProperty() publicKey!: string;
  @ApiProperty({ type: String, nullable: true }) endpoint!: string | null;
  @ApiProperty() listenPort!: number;
  /** A new key announced by rotate-keys --prepare, not in use yet. */
  @ApiProperty({ type: String, nullable: true }) pendingPublicKey!: string | null;
}

export class MeshStatusDto {
  @ApiProperty() clusterName!: string;
  @ApiProperty() network!: string;
  @ApiProperty({ example: 'wg-sfha' }) interface!: string;
  /** The interface exists on the host. */
  @ApiProperty() up!: boolean;
  /** The admin wants it up (mesh up / mesh down). */
  @ApiProperty() desiredUp!: boolean;
  @ApiProperty({ type: MeshSelfDto }) self!: MeshSelfDto;
  @ApiProperty({ type: [MeshPeerStatusDto] }) peers!: MeshPeerStatusDto[];
}

export class CreateInvitationDto {
  /** How long the invitation is valid: seconds, or 30m, 1h, 2d (default 1h, at most 7d). */
  @ApiPropertyOptional({ example: '1h' })
  @OptionalField()
  @IsString()
  @Matches(/^\d+\s*[smhd]?$/, { message: '$property must be a duration like 3600, 30m, 1h or 2d' })
  expiresIn?: string;

  /** The mesh address to give the new node; the next free one when omitted. */
  @ApiPropertyOptional({ example: '10.100.0.5' })
  @OptionalField()
  @IsString()
  @Matches(IPV4_PATTERN, { message: '$property must be an IPv4 address like 10.100.0.5' })
  ip?: string;

  /** The joiner's role: `full` (default) or `witness` (votes for quorum, never runs a group). */
  @ApiPropertyOptional({ enum: MEMBER_ROLES, enumName: 'MemberRole', example: 'witness' })
  @OptionalField()
  @IsIn(MEMBER_ROLES, { message: `$property must be one of ${MEMBER_ROLES.join(', ')}` })
  role?: MemberRoleDto;
}

export class InvitationCreatedDto {
  @ApiProperty() id!: string;
  /** The sfha-join:// link. Shown once: it holds a one-time key. */
  @ApiProperty() token!: string;
  /** The same link as a QR code: a PNG data URL (data:image/png;base64,…). */
  @ApiProperty() qrPng!: string;
  @ApiProperty() assignedIp!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole' }) role!: MemberRoleDto;
}

export const INVITATION_STATUSES = ['pending', 'used', 'revoked', 'expired'] as const;

export class InvitationDto {
  @ApiProperty() id!: string;
  @ApiProperty() assignedIp!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ enum: INVITATION_STATUSES }) status!: (typeof INVITATION_STATUSES)[number];
  @ApiProperty({ type: String, nullable: true }) usedBy!: string | null;
  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole' }) role!: MemberRoleDto;
}

export class JoinDto {
  /** The sfha-join:// link of an invitation. */
  @ApiProperty()
  @IsString()
  @MaxLength(8192)
  token!: string;

  /** host:port where the other nodes reach this one; detected when omitted. */
  @ApiPropertyOptional()
  @OptionalField()
  @IsString()
  @Matches(ENDPOINT_PATTERN, { message: ENDPOINT_MESSAGE })
  endpoint?: string;
}

export class JoinResultDto {
  @ApiProperty() clusterName!: string;
  @ApiProperty() nodeName!: string;
  @ApiProperty() meshIp!: string;
  /** This node's role, as its invitation said. */
  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole' }) role!: MemberRoleDto;
  /** The other members. */
  @ApiProperty({ type: [String] }) members!: string[];
  /** The members that answered through the tunnel made with this node's own key. */
  @ApiProperty({ type: [String] }) connected!: string[];
  /** Milliseconds from the request to handshakes with every member (or to giving up waiting). */
  @ApiProperty() elapsedMs!: number;
}

export class AddPeerDto {
  @ApiProperty({ example: 'node4' })
  @IsString()
  @Matches(NAME_PATTERN, { message: NAME_MESSAGE })
  name!: string;

  @ApiProperty({ example: '203.0.113.9:51820' })
  @IsString()
  @Matches(ENDPOINT_PATTERN, { message: ENDPOINT_MESSAGE })
  endpoint!: string;

  @ApiProperty()
  @IsString()
  @Matches(WG_KEY_PATTERN, { message: '$property must be a WireGuard public key (44 characters of base64)' })
  publicKey!: string;

  @ApiProperty({ example: '10.100.0.9' })
  @IsString()
  @Matches(IPV4_PATTERN, { message: '$property must be an IPv4 address like 10.100.0.9' })
  ip!: string;
}

export class EndpointDto {
  @ApiProperty({ example: '203.0.113.7:51820' })
  @IsString()
  @Matches(ENDPOINT_PATTERN, { message: ENDPOINT_MESSAGE })
  endpoint!: string;
}

export const ROTATION_PHASES = ['prepare', 'commit', 'cleanup', 'all'] as const;
export type RotationPhase = (typeof ROTATION_PHASES)[number];

export class RotateKeysDto {
  /** One step, or all three in a row (default). */
  @ApiPropertyOptional({ enum: ROTATION_PHASES })
  @OptionalField()
  @IsIn(ROTATION_PHASES)
  phase?: RotationPhase;
}

export class RotationDto {
  @ApiProperty({ enum: ROTATION_PHASES }) phase!: RotationPhase;
  /** The key in use now. */
  @ApiProperty() publicKey!: string;
  @ApiProperty({ type: String, nullable: true }) pendingPublicKey!: string | null;
  /** An old private key is still kept (cleanup removes it). */
  @ApiProperty() previousKeyKept!: boolean;
}
