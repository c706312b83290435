import { ApiProperty } from '@nestjs/swagger';

export class NodeStatusDto {
  /** This node's name. */
  @ApiProperty({ example: 'node1' })
  nodeName!: string;

  @ApiProperty({ example: '0.1.0' })
  version!: string;

  @ApiProperty({ format: 'date-time' })
  startedAt!: string;

  @ApiProperty()
  uptimeSeconds!: number;

  /** The admin password has been set (first run done). */
  @ApiProperty()
  setupComplete!: boolean;

  /** Whether this node belongs to a cluster yet (`sfha init` or `sfha join`). */
  @ApiProperty()
  clusterMember!: boolean;

  /** The cluster's name, when a member. */
  @ApiProperty({ type: String, nullable: true })
  clusterName!: string | null;

  /** This node's mesh address, when a member. */
  @ApiProperty({ type: String, nullable: true })
  meshIp!: string | null;
}
