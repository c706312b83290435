-- The replicated cluster configuration (DESIGN.md §4): the committed document and, on a
-- follower, the one a leader proposed and has not committed yet.
CREATE TABLE cluster_config (
  id                  INTEGER PRIMARY KEY CHECK (id = 1),
  generation          INTEGER NOT NULL,
  document            TEXT NOT NULL,
  pending_generation  INTEGER,
  pending_document    TEXT,
  committed_at        TEXT NOT NULL
);
