-- Issue 12: users and API tokens live in the replicated cluster config. The single admin of
-- older databases becomes a legacy row that the agent moves into the config (as user "admin")
-- and then deletes.
ALTER TABLE admin RENAME TO legacy_admin;

-- When each API token was last used on this node (node-local; the list merges the members').
CREATE TABLE api_token_use (
  token_id     TEXT PRIMARY KEY,
  last_used_at TEXT NOT NULL,
  last_ip      TEXT NOT NULL
);
