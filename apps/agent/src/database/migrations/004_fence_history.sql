-- Every fence this node ran, successful or not (DESIGN.md §3: manual fence, unfence, history).
CREATE TABLE fence_history (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  node          TEXT NOT NULL,
  action        TEXT NOT NULL,
  device        TEXT NOT NULL,
  requested_by  TEXT NOT NULL,
  started_at    TEXT NOT NULL,
  finished_at   TEXT NOT NULL,
  ok            INTEGER NOT NULL,
  exit_code     INTEGER NOT NULL,
  output        TEXT NOT NULL,
  duration_ms   INTEGER NOT NULL
);
CREATE INDEX fence_history_started ON fence_history (started_at);
