import { describe, expect, it } from 'vitest';
import { cmapChangedKey, NOT_RUNNING, parseQuorumStatus, wrongCorosyncIdentity } from './quorum-status';

const QUORATE = `Quorum information
------------------
Date:             Sat Nov 21 18:20:00 2026
Quorum provider:  corosync_votequorum
Nodes:            2
Node ID:          1
Ring ID:          1.9
Quorate:          Yes

Votequorum information
----------------------
Expected votes:   3
Highest expected: 3
Total votes:      2
Quorum:           2
Flags:            Quorate

Membership information
----------------------
    Nodeid      Votes Name
         1          1 node1 (local)
         2          1 node2
`;

describe('corosync-quorumtool -s', () => {
  it('reads quorum, votes and the members of the partition', () => {
    expect(parseQuorumStatus(QUORATE, 0)).toEqual({ running: true, quorate: true, localNodeId: 1, expectedVotes: 3, totalVotes: 2, quorum: 2, members: [1, 2], ringId: '1.9' });
  });

  it('reads a partition without quorum (exit code 2)', () => {
    const alone = QUORATE.replace('Quorate:          Yes', 'Quorate:          No').replace(/ {9}2 {10}1 node2\n/, '');
    expect(parseQuorumStatus(alone, 2)).toMatchObject({ running: true, quorate: false, members: [1] });
  });

  it('says not running when Corosync does not answer', () => {
    expect(parseQuorumStatus('Cannot initialize QUORUM service', 1)).toEqual(NOT_RUNNING);
  });
});

describe('corosync-cmapctl -T', () => {
  it('names the changed key of create, modify and delete lines, and nothing else', () => {
    expect(cmapChangedKey('modify> runtime.members.3.status (str) = left')).toBe('runtime.members.3.status');
    expect(cmapChangedKey('create> runtime.members.4.ip (str) = r(0) ip(10.100.0.4) ')).toBe('runtime.members.4.ip');
    expect(cmapChangedKey('delete> runtime.votequorum.highest_node_id')).toBe('runtime.votequorum.highest_node_id');
    expect(cmapChangedKey('Type "q" to finish')).toBeNull();
    expect(cmapChangedKey('')).toBeNull();
  });

  it('tells a Corosync that runs as another node (started before the mesh address was up) from this one', () => {
    const status = parseQuorumStatus(QUORATE, 0);
    expect(wrongCorosyncIdentity(status, 1)).toBeNull();
    expect(wrongCorosyncIdentity(status, 3)).toBe('Corosync runs as node id 1, but this node is 3 (it started before the mesh address was up)');
    expect(wrongCorosyncIdentity(NOT_RUNNING, 3)).toBeNull();
  });
});
