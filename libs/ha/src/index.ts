export { electLeader } from './election';
export type { ElectionCandidate } from './election';
