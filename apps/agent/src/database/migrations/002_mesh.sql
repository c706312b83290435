-- The cluster this node belongs to. The secret signs invitations and peer API calls;
-- it never leaves the (0600) database except to a joiner, through the tunnel.
CREATE TABLE cluster (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  cluster_id  TEXT NOT NULL,
  name        TEXT NOT NULL,
  network     TEXT NOT NULL,
  secret      TEXT NOT NULL,
  -- Generation of the replicated member list: a higher one replaces a lower one.
  generation  INTEGER NOT NULL,
  created_at  TEXT NOT NULL
);

-- This node's side of the mesh. Its private keys live in 0600 files, not here.
CREATE TABLE mesh_self (
  id             INTEGER PRIMARY KEY CHECK (id = 1),
  node_name      TEXT NOT NULL,
  interface      TEXT NOT NULL,
  mesh_ip        TEXT NOT NULL,
  listen_port    INTEGER NOT NULL,
  peer_api_port  INTEGER NOT NULL,
  mtu            INTEGER NOT NULL,
  desired_up     INTEGER NOT NULL DEFAULT 1
);

-- The replicated member list (this node included).
CREATE TABLE members (
  name                TEXT PRIMARY KEY,
  mesh_ip             TEXT NOT NULL UNIQUE,
  public_key          TEXT NOT NULL UNIQUE,
  pending_public_key  TEXT,
  endpoint            TEXT,
  keepalive           INTEGER NOT NULL,
  joined_at           TEXT NOT NULL
);

-- Invitations this node issued. Single use is one UPDATE … WHERE used_at IS NULL.
CREATE TABLE invitations (
  id                    TEXT PRIMARY KEY,
  assigned_ip           TEXT NOT NULL,
  bootstrap_public_key  TEXT NOT NULL UNIQUE,
  created_at            TEXT NOT NULL,
  expires_at            TEXT NOT NULL,
  used_at               TEXT,
  used_by               TEXT,
  revoked_at            TEXT
);
