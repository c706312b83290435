-- Issue 13 §4: the delivery log of notifications (node-local: the node that sent them, the leader).
CREATE TABLE notify_delivery (
  id       INTEGER PRIMARY KEY AUTOINCREMENT,
  target   TEXT NOT NULL,
  incident TEXT,
  kind     TEXT NOT NULL,
  attempt  INTEGER NOT NULL,
  ok       INTEGER NOT NULL,
  error    TEXT,
  at       TEXT NOT NULL
);
