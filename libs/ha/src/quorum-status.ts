/** What `corosync-quorumtool -s` says about this node's partition. */
export interface QuorumStatus {
  /** Corosync answered (false: not running, or its IPC is not reachable). */
  running: boolean;
  quorate: boolean;
  localNodeId: number | null;
  expectedVotes: number | null;
  totalVotes: number | null;
  /** Votes needed for quorum. */
  quorum: number | null;
  /** Node ids in this node's current membership (itself included). */
  members: number[];
  /**
   * The membership's ring id ("Ring ID: 1.2c"): a new one each time Corosync forms a
   * membership, even when the same nodes come back (a node paused past the token).
   */
  ringId: string | null;
}

export const NOT_RUNNING: QuorumStatus = { running: false, quorate: false, localNodeId: null, expectedVotes: null, totalVotes: null, quorum: null, members: [], ringId: null };

/**
 * Parses `corosync-quorumtool -s`. Its exit code is 0 when quorate, 2 when not, 1 on error
 * (for instance Corosync not running). Pure.
 */
export function parseQuorumStatus(stdout: string, exitCode: number): QuorumStatus {
  if (exitCode === 1 || !/Quorum information/.test(stdout)) return NOT_RUNNING;
  const field = (label: string): string | null => new RegExp(`^${label}:\\s*(.+)$`, 'm').exec(stdout)?.[1]?.trim() ?? null;
  const number = (label: string): number | null => {
    const value = field(label);
    return value !== null && /^\d+/.test(value) ? Number.parseInt(value, 10) : null;
  };
  const table = stdout.split(/Membership information\s*\n-+\s*\n/)[1] ?? '';
  const members = table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+\d+\s/.exec(line)?.[1])
    .filter((id): id is string => id !== undefined)
    .map(Number);
  return {
    running: true,
    quorate: exitCode === 0 && field('Quorate') === 'Yes',
    localNodeId: number('Node ID'),
    expectedVotes: number('Expected votes'),
    totalVotes: number('Total votes'),
    quorum: number('Quorum'),
    members,
    ringId: field('Ring ID'),
  };
}

/**
 * Why a running Corosync is not this node, or null. Corosync finds its own node once, at
 * start, by its local addresses; started a moment before the mesh address was up, it finds
 * none and takes the nodelist's last entry (corosync 3.1 `find_local_node`): it then speaks
 * as another member and never joins the others. The only cure is a restart. Pure.
 */
export function wrongCorosyncIdentity(quorum: QuorumStatus, ownNodeId: number): string | null {
  if (!quorum.running || quorum.localNodeId === null || quorum.localNodeId === ownNodeId) return null;
  return `Corosync runs as node id ${quorum.localNodeId}, but this node is ${ownNodeId} (it started before the mesh address was up)`;
}

/** The key of a `corosync-cmapctl -T` line ("modify> runtime.members.3.status (str) = left"), or null. */
export function cmapChangedKey(line: string): string | null {
  return /^(?:create|modify|delete)>\s+(\S+)/.exec(line.trim())?.[1] ?? null;
}
