import { ApiProperty } from '@nestjs/swagger';
import { MEMBER_ROLES, type MemberRoleDto } from '../../mesh/dto/mesh.dto';

export class ClusterNodeDto {
  @ApiProperty({ example: 'node1' }) name!: string;
  /** Corosync node id. */
  @ApiProperty({ example: 1 }) nodeId!: number;
  /** `witness`: votes for quorum, never runs a group, leads only when no full member can. */
  @ApiProperty({ enum: MEMBER_ROLES, enumName: 'MemberRole' }) role!: MemberRoleDto;
  @ApiProperty({ example: '10.100.0.1' }) meshIp!: string;
  /** In this node's current Corosync membership. */
  @ApiProperty() online!: boolean;
  @ApiProperty() leader!: boolean;
  /** The node answering. */
  @ApiProperty() self!: boolean;
  /** The sfha release the node announced (its last announcement when it is down); null when never heard (sfha 0.1.0 did not announce). */
  @ApiProperty({ type: String, nullable: true, example: '0.1.0' }) version!: string | null;
  /** The config protocol it speaks; null when never heard (counted as 1). */
  @ApiProperty({ type: Number, nullable: true, example: 2 }) configProtocol!: number | null;
}

export class ClusterStatusDto {
  @ApiProperty({ example: 'prod' }) clusterName!: string;
  @ApiProperty() corosyncRunning!: boolean;
  /** This node's partition holds quorum. Without it, nothing may run here. */
  @ApiProperty() quorate!: boolean;
  @ApiProperty({ type: Number, nullable: true }) expectedVotes!: number | null;
  @ApiProperty({ type: Number, nullable: true }) totalVotes!: number | null;
  /** Votes needed for quorum. */
  @ApiProperty({ type: Number, nullable: true }) quorum!: number | null;
  /** The lowest online node of a quorate partition, or null. */
  @ApiProperty({ type: String, nullable: true }) leader!: string | null;
  @ApiProperty({ type: [ClusterNodeDto] }) nodes!: ClusterNodeDto[];
  /** Members run different releases (a rolling upgrade under way): changes that an older member cannot understand are refused. */
  @ApiProperty() mixedVersions!: boolean;
}
