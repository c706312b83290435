-- Events become codes with typed parameters (DESIGN.md §5 "Events and incidents"): the
-- clients render them in French or English from one catalogue (libs/contracts/src/events).
-- `origin` is the node that recorded the event (NULL: this node, before it had a name);
-- (origin, id) identifies an event in the merged cluster timeline. `user` names who made an
-- admin change. Rows recorded as free text get their code back where the text is known,
-- otherwise the code 'event.legacy' with the text.
ALTER TABLE events ADD COLUMN origin TEXT;
ALTER TABLE events ADD COLUMN code TEXT NOT NULL DEFAULT 'event.legacy';
ALTER TABLE events ADD COLUMN params TEXT NOT NULL DEFAULT '{}';
ALTER TABLE events ADD COLUMN user TEXT;

UPDATE events SET origin = (SELECT node_name FROM mesh_self WHERE id = 1), params = json_object('text', message);

UPDATE events SET code = 'quorum.gained', params = json_object('votes', json_extract(fields, '$.votes'), 'expected', json_extract(fields, '$.expected'))
  WHERE message = 'quorum gained';
UPDATE events SET code = 'quorum.lost', params = json_object('votes', json_extract(fields, '$.votes'), 'expected', json_extract(fields, '$.expected'))
  WHERE message = 'quorum lost';
UPDATE events SET code = 'node.joined', params = json_object('node', json_extract(fields, '$.node'))
  WHERE category = 'membership' AND message LIKE '% joined the membership' AND json_extract(fields, '$.node') IS NOT NULL;
UPDATE events SET code = 'node.left', params = json_object('node', json_extract(fields, '$.node'))
  WHERE category = 'membership' AND message LIKE '% left the membership' AND json_extract(fields, '$.node') IS NOT NULL;
UPDATE events SET code = 'leader.elected', params = json_object('leader', json_extract(fields, '$.leader'))
  WHERE category = 'leader' AND message LIKE 'leader: %' AND json_extract(fields, '$.leader') IS NOT NULL;
UPDATE events SET code = 'leader.none', params = '{}'
  WHERE category = 'leader' AND message = 'no leader (no quorum)';
UPDATE events SET code = 'mesh.member-joined', params = json_object(
    'node', json_extract(fields, '$.node'), 'meshIp', json_extract(fields, '$.meshIp'), 'endpoint', json_extract(fields, '$.endpoint'),
    'invitedBy', substr(message, instr(message, '(invited by ') + 12, length(message) - instr(message, '(invited by ') - 12),
    'invitation', json_extract(fields, '$.invitation'))
  WHERE category = 'mesh' AND message LIKE '% joined the mesh (invited by %)' AND json_extract(fields, '$.node') IS NOT NULL;
UPDATE events SET code = 'auth.password-set', params = json_object('ip', json_extract(fields, '$.ip'))
  WHERE message = 'admin password set (first run)';
UPDATE events SET code = 'auth.password-changed', params = json_object('ip', json_extract(fields, '$.ip'))
  WHERE message = 'admin password changed';
UPDATE events SET code = 'fence.departed-fenced', params = json_object('node', json_extract(fields, '$.node'))
  WHERE category = 'fencing' AND message LIKE '% left while owning resources: fenced, its groups move';

-- Manual and leader fences: "node1 fenced (off): confirmed in 812 ms", "node1 unfenced: FAILED in 90 ms".
UPDATE events SET
    code = CASE
      WHEN message LIKE '% unfenced: confirmed in % ms' THEN 'unfence.confirmed'
      WHEN message LIKE '% unfenced: FAILED in % ms' THEN 'unfence.failed'
      WHEN message LIKE '% fenced (%): confirmed in % ms' THEN 'fence.confirmed'
      ELSE 'fence.failed' END,
    params = json_object('node', json_extract(fields, '$.node'), 'action', json_extract(fields, '$.action'), 'device', json_extract(fields, '$.device'),
      'ms', CAST(substr(message, length(rtrim(message, '0123456789 ms')) + 1) AS INTEGER),
      'requestedBy', json_extract(fields, '$.requestedBy'), 'exitCode', json_extract(fields, '$.exitCode'))
  WHERE category = 'fencing' AND json_extract(fields, '$.device') IS NOT NULL
    AND (message LIKE '% fenced (%): confirmed in % ms' OR message LIKE '% fenced (%): FAILED in % ms' OR message LIKE '% unfenced: confirmed in % ms' OR message LIKE '% unfenced: FAILED in % ms');

UPDATE events SET code = 'resource.started', params = json_object('group', json_extract(fields, '$.group'), 'resource', json_extract(fields, '$.resource'), 'node', json_extract(fields, '$.node'))
  WHERE category = 'resource' AND message LIKE '% started on %' AND json_extract(fields, '$.resource') IS NOT NULL;
UPDATE events SET
    code = 'resource.stopped',
    params = json_object('group', json_extract(fields, '$.group'), 'resource', json_extract(fields, '$.resource'), 'node', json_extract(fields, '$.node'),
      'reason', CASE
        WHEN message LIKE '% (no quorum)' THEN 'no-quorum'
        WHEN message LIKE '% (config not current)' THEN 'config-not-current'
        WHEN message LIKE '% (removed from the configuration)' THEN 'removed'
        ELSE 'not-assigned' END)
  WHERE category = 'resource' AND json_extract(fields, '$.resource') IS NOT NULL
    AND (message LIKE '% stopped on % (no quorum)' OR message LIKE '% stopped on % (config not current)' OR message LIKE '% stopped on % (removed from the configuration)' OR message LIKE '% stopped on % (assignment)');
UPDATE events SET code = 'placement.changed', params = json_object('assignments', json(json_extract(fields, '$.assignments')))
  WHERE category = 'resource' AND message LIKE 'placement: %' AND json_type(fields, '$.assignments') = 'object';

ALTER TABLE events DROP COLUMN message;
ALTER TABLE events DROP COLUMN fields;
CREATE INDEX events_code ON events (code, id);
