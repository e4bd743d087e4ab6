-- Teams, users, tokens, sync clients, records and conflicts, with row-level security.
-- The tables belong to the role that runs migrations; requests run as dealside_app, which owns
-- nothing, so every policy below applies to them.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'dealside_app') THEN
    CREATE ROLE dealside_app NOLOGIN;
  END IF;
EXCEPTION
  -- Roles belong to the whole cluster: another database's migration may create it at the same time.
  WHEN duplicate_object OR unique_violation THEN NULL;
END
$$;

DO $$
BEGIN
  -- The migrating role switches to dealside_app in every request transaction (SET ROLE needs membership).
  IF NOT pg_has_role(current_user, 'dealside_app', 'MEMBER') THEN
    EXECUTE format('GRANT dealside_app TO %I', current_user);
  END IF;
END
$$;

CREATE TABLE teams (
  id text PRIMARY KEY,
  name text NOT NULL,
  -- The last sequence number given to a change of this team's records.
  seq bigint NOT NULL DEFAULT 0,
  -- The latest clock this team's pushes have seen or issued: server clocks never run backwards,
  -- whichever process answers.
  hlc text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
  id text PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  name text NOT NULL,
  email text NOT NULL,
  role text NOT NULL CHECK (role IN ('rep', 'manager', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (team_id, id),
  UNIQUE (team_id, email)
);

CREATE TABLE tokens (
  id text PRIMARY KEY,
  user_id text NOT NULL,
  team_id text NOT NULL,
  -- SHA-256 of the token, hex; the token itself is never stored.
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  FOREIGN KEY (team_id, user_id) REFERENCES users (team_id, id)
);

CREATE TABLE clients (
  -- Globally unique: a client id belongs to the first user who pushes with it, in any team.
  client_id text PRIMARY KEY,
  team_id text NOT NULL,
  user_id text NOT NULL,
  last_mutation_id bigint NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (team_id, user_id) REFERENCES users (team_id, id)
);

CREATE TABLE records (
  team_id text NOT NULL REFERENCES teams (id),
  collection text NOT NULL,
  id text NOT NULL,
  created_by text NOT NULL,
  -- { field: { value, hlc } }
  fields jsonb NOT NULL,
  seq bigint NOT NULL,
  -- Copies of fields the server queries: tombstones, private activities, logged messages.
  deleted boolean NOT NULL DEFAULT false,
  private boolean NOT NULL DEFAULT false,
  message_key text,
  PRIMARY KEY (team_id, collection, id),
  FOREIGN KEY (team_id, created_by) REFERENCES users (team_id, id)
);

-- Pull reads a team's changes in sequence order.
CREATE UNIQUE INDEX records_team_seq ON records (team_id, seq);
-- The first live activity per logged message wins; later duplicates become tombstones.
CREATE INDEX records_live_message_key ON records (team_id, message_key)
  WHERE collection = 'activities' AND NOT deleted AND message_key IS NOT NULL;

CREATE TABLE conflicts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  team_id text NOT NULL REFERENCES teams (id),
  collection text NOT NULL,
  record_id text NOT NULL,
  field text NOT NULL,
  -- The value kept; null when the refused change was to a field the record did not have.
  winner_value jsonb,
  winner_hlc text,
  winner_user_id text,
  loser_value jsonb NOT NULL,
  loser_hlc text NOT NULL,
  loser_user_id text,
  -- The client whose push found the conflict.
  client_id text NOT NULL,
  reason text NOT NULL CHECK (reason IN ('concurrent', 'append-only', 'forbidden')),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX conflicts_team_record ON conflicts (team_id, collection, record_id);

-- Row-level security: with app.team_id unset, nullif(…) is null and every policy matches nothing.
ALTER TABLE teams ENABLE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE tokens ENABLE ROW LEVEL SECURITY;
ALTER TABLE clients ENABLE ROW LEVEL SECURITY;
ALTER TABLE records ENABLE ROW LEVEL SECURITY;
ALTER TABLE conflicts ENABLE ROW LEVEL SECURITY;

CREATE POLICY team_isolation ON teams
  USING (id = nullif(current_setting('app.team_id', true), ''))
  WITH CHECK (id = nullif(current_setting('app.team_id', true), ''));
CREATE POLICY team_isolation ON users
  USING (team_id = nullif(current_setting('app.team_id', true), ''))
  WITH CHECK (team_id = nullif(current_setting('app.team_id', true), ''));
CREATE POLICY team_isolation ON tokens
  USING (team_id = nullif(current_setting('app.team_id', true), ''))
  WITH CHECK (team_id = nullif(current_setting('app.team_id', true), ''));
CREATE POLICY team_isolation ON clients
  USING (team_id = nullif(current_setting('app.team_id', true), ''))
  WITH CHECK (team_id = nullif(current_setting('app.team_id', true), ''));
CREATE POLICY team_isolation ON records
  USING (team_id = nullif(current_setting('app.team_id', true), ''))
  WITH CHECK (team_id = nullif(current_setting('app.team_id', true), ''));
CREATE POLICY team_isolation ON conflicts
  USING (team_id = nullif(current_setting('app.team_id', true), ''))
  WITH CHECK (team_id = nullif(current_setting('app.team_id', true), ''));

-- Only what requests need. Tokens are not granted at all: requests find a token's owner through
-- dealside_authenticate, and teams, users and tokens are managed by the CLI as the owner.
GRANT SELECT, UPDATE (seq, hlc) ON teams TO dealside_app;
GRANT SELECT ON users TO dealside_app;
GRANT SELECT, INSERT, UPDATE (last_mutation_id) ON clients TO dealside_app;
GRANT SELECT, INSERT, UPDATE (fields, seq, deleted, private, message_key) ON records TO dealside_app;
GRANT SELECT, INSERT ON conflicts TO dealside_app;

-- The one way past row-level security: the owner of a live token, for the request that presents
-- it. Runs as the owner, takes only the token's hash and returns only that token's row.
CREATE FUNCTION dealside_authenticate(presented_hash text)
RETURNS TABLE (token_id text, user_id text, team_id text, role text)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
  SELECT tokens.id, users.id, users.team_id, users.role
  FROM public.tokens
  JOIN public.users ON users.id = tokens.user_id AND users.team_id = tokens.team_id
  WHERE tokens.token_hash = presented_hash AND tokens.revoked_at IS NULL
$$;

REVOKE ALL ON FUNCTION dealside_authenticate(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION dealside_authenticate(text) TO dealside_app;
