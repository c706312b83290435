export { electLeader } from './election';
export type { ElectionCandidate } from './election';
export { COROSYNC_DEFAULTS, renderCorosyncConf } from './corosync-config';
export type { CorosyncNode, CorosyncSettings } from './corosync-config';
export { NOT_RUNNING, parseQuorumStatus } from './quorum-status';
export type { QuorumStatus } from './quorum-status';
export { createCorosyncDriver, DEFAULT_COROSYNC_PATHS } from './driver/corosync.driver';
export type { CorosyncDriver, CorosyncPaths } from './driver/corosync.driver';
