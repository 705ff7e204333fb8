-- Accounts to ASVS level 2 (issue 20, item 6).
--
-- Sessions now end after a time that depends on who holds them (shorter on
-- the accompanists' shared tablets) and name the device they were opened
-- on (a label such as « Firefox sur Android », never the raw user agent).
-- The sessions open before this change had neither: they end, and everyone
-- signs in again once.
DELETE FROM login_sessions;
ALTER TABLE login_sessions ADD COLUMN idle_until TEXT NOT NULL DEFAULT '';
ALTER TABLE login_sessions ADD COLUMN device TEXT NOT NULL DEFAULT '';

-- The second factor (TOTP, RFC 6238) of an account. `secret` is the
-- confirmed one ('' until a first code confirmed it); `pending_*` a new one
-- being set up (its recovery codes' hashes, comma-separated) until a code
-- from it confirms it. `last_step` is the last 30-second step a code was
-- accepted for: a code works once.
CREATE TABLE second_factors (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    confirmed_at TEXT,
    last_step BIGINT NOT NULL,
    pending_secret TEXT,
    pending_codes TEXT,
    pending_at TEXT
);

-- Recovery codes, stored as their SHA-256 (each holds 80 random bits); each
-- works once.
CREATE TABLE recovery_codes (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    code_hash TEXT NOT NULL,
    created_at TEXT NOT NULL,
    used_at TEXT,
    PRIMARY KEY (user_id, code_hash)
);

-- A sign-in whose password was right and whose second factor is awaited
-- (or being set up): short-lived, a few wrong codes end it.
CREATE TABLE login_challenges (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    expires_at TEXT NOT NULL,
    failures BIGINT NOT NULL
);
