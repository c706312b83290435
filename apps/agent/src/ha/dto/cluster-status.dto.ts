import { ApiProperty } from '@nestjs/swagger';

export class ClusterNodeDto {
  @ApiProperty({ example: 'node1' }) name!: string;
  /** Corosync node id. */
  @ApiProperty({ example: 1 }) nodeId!: number;
  @ApiProperty({ example: '10.100.0.1' }) meshIp!: string;
  /** In this node's current Corosync membership. */
  @ApiProperty() online!: boolean;
  @ApiProperty() leader!: boolean;
  /** The node answering. */
  @ApiProperty() self!: boolean;
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
}
