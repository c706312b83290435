import { join } from 'node:path';
import { renderEvent } from '@sfha/contracts';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { applyMigrations, loadMigrations } from '../database/migrator';

const all = loadMigrations(join(__dirname, '../database/migrations'));
const EVENT_CODES = all.findIndex((m) => m.name === 'event_codes');

/** Free-text rows as agents recorded them before events had codes, and what each becomes. */
const OLD: [category: string, severity: string, message: string, fields: Record<string, unknown>, code: string, params: Record<string, unknown>][] = [
  ['membership', 'warn', 'quorum lost', { votes: 1, expected: 3 }, 'quorum.lost', { votes: 1, expected: 3 }],
  ['membership', 'warn', 'node1 left the membership', { node: 'node1' }, 'node.left', { node: 'node1' }],
  ['leader', 'info', 'leader: node2', { leader: 'node2' }, 'leader.elected', { leader: 'node2' }],
  ['leader', 'info', 'no leader (no quorum)', { leader: null }, 'leader.none', {}],
  [
    'mesh',
    'info',
    'node3 joined the mesh (invited by node1)',
    { node: 'node3', meshIp: '10.100.0.3', endpoint: '192.0.2.3:51820', invitation: 'i1' },
    'mesh.member-joined',
    { node: 'node3', meshIp: '10.100.0.3', endpoint: '192.0.2.3:51820', invitedBy: 'node1', invitation: 'i1' },
  ],
  ['admin', 'info', 'admin password set (first run)', { ip: '127.0.0.1' }, 'auth.password-set', { ip: '127.0.0.1' }],
  [
    'fencing',
    'warn',
    'node1 fenced (off): confirmed in 812 ms',
    { node: 'node1', action: 'off', device: 'pdu', requestedBy: 'leader', exitCode: 0 },
    'fence.confirmed',
    { node: 'node1', action: 'off', device: 'pdu', ms: 812, requestedBy: 'leader', exitCode: 0 },
  ],
  [
    'fencing',
    'warn',
    'node1 unfenced: confirmed in 95 ms',
    { node: 'node1', action: 'on', device: 'pdu', requestedBy: 'admin', exitCode: 0 },
    'unfence.confirmed',
    { node: 'node1', action: 'on', device: 'pdu', ms: 95, requestedBy: 'admin', exitCode: 0 },
  ],
  ['fencing', 'warn', 'node1 left while owning resources: fenced, its groups move', { node: 'node1' }, 'fence.departed-fenced', { node: 'node1' }],
  ['resource', 'info', 'web/web-vip started on node2', { group: 'web', resource: 'web-vip', node: 'node2' }, 'resource.started', { group: 'web', resource: 'web-vip', node: 'node2' }],
  [
    'resource',
    'warn',
    'web/web-vip stopped on node2 (no quorum)',
    { group: 'web', resource: 'web-vip', node: 'node2' },
    'resource.stopped',
    { group: 'web', resource: 'web-vip', node: 'node2', reason: 'no-quorum' },
  ],
  ['resource', 'info', 'placement: web → node3, db → nowhere', { assignments: { web: 'node3', db: null } }, 'placement.changed', { assignments: { web: 'node3', db: null } }],
  ['admin', 'info', 'configuration changed: group web set (generation 4)', { kind: 'put-group' }, 'event.legacy', { text: 'configuration changed: group web set (generation 4)' }],
];

describe('migration 006: free-text events get codes', () => {
  it('gives known texts their code and typed parameters, keeps ids, and the rest as legacy text', () => {
    const db = new BetterSqlite3(':memory:');
    applyMigrations(db, all.slice(0, EVENT_CODES));
    db.prepare("INSERT INTO mesh_self (id, node_name, interface, mesh_ip, listen_port, peer_api_port, mtu) VALUES (1, 'node2', 'wg-sfha', '10.100.0.2', 51820, 7781, 1420)").run();
    const insert = db.prepare('INSERT INTO events (id, at, category, severity, message, fields) VALUES (?, ?, ?, ?, ?, ?)');
    OLD.forEach(([category, severity, message, fields], i) => insert.run(i + 10, '2026-01-01T00:00:00.000Z', category, severity, message, JSON.stringify(fields)));
    applyMigrations(db, all);
    const rows = db.prepare('SELECT * FROM events ORDER BY id').all() as { id: number; origin: string; code: string; params: string; category: string; severity: string; user: string | null }[];
    expect(rows).toHaveLength(OLD.length);
    OLD.forEach(([category, severity, message, , code, params], i) => {
      const row = rows[i];
      expect(row, message).toMatchObject({ id: i + 10, origin: 'node2', code, category, severity, user: null });
      expect(JSON.parse(row?.params ?? ''), message).toEqual(params);
      // What the English renderer says is what the agent said then.
      if (code !== 'event.legacy') expect(renderEvent('en', { code, params: JSON.parse(row?.params ?? '') })).toBe(message);
    });
  });
});
