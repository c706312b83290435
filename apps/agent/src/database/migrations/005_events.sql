-- The node's event timeline (DESIGN.md §3): membership, elections, resources, health,
-- fencing, joins, admin actions. Streamed live to the dashboard (SSE).
CREATE TABLE events (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  at       TEXT NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  message  TEXT NOT NULL,
  fields   TEXT NOT NULL
);
CREATE INDEX events_category ON events (category, id);
