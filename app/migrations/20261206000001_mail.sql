-- E-mail (issue 21): the outbox, each person's choices, password recovery.
--
-- The outbox: a mail is queued in the same transaction as the change that
-- causes it, then sent by a background worker. `state` moves
--   queued -> sending -> sent
--                     -> queued (the server could not be reached: retried
--                                at `next_attempt_at`, with back-off)
--                     -> failed (refused for good, or too many attempts)
--                     -> interrupted (the process stopped while sending: it
--                                may have left, so it is never sent again
--                                unless an admin asks)
--          queued -> logged (no SMTP server is configured: written to
--                            the log instead)
-- `dedupe_key` makes a mail that a job computes twice (two instances, a
-- rerun) queued once. `stop_token_hash`: the SHA-256 of the token of the
-- mail's one-click stop link, and `stop_url` the link itself (it is in the
-- body too) for the List-Unsubscribe header.
CREATE TABLE outbox (
    id TEXT PRIMARY KEY,
    organisation_id TEXT REFERENCES organisations(id),
    user_id TEXT REFERENCES users(id) ON DELETE SET NULL,
    recipient TEXT NOT NULL,
    locale TEXT NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    html_body TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    stop_token_hash TEXT,
    stop_url TEXT,
    state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'interrupted', 'logged')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    last_error TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
CREATE INDEX outbox_stop ON outbox(stop_token_hash);

-- The kinds of mail a person stopped (or, for the opt-in kinds, asked for).
CREATE TABLE mail_choices (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    wanted BIGINT NOT NULL CHECK (wanted IN (0, 1)),
    changed_at TEXT NOT NULL,
    PRIMARY KEY (user_id, kind)
);

-- « Mot de passe oublié » links: the SHA-256 of the token, one hour, once.
CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX password_resets_user ON password_resets(user_id, created_at);

-- The language a person's mails are written in (the one they last used).
ALTER TABLE users ADD COLUMN locale TEXT NOT NULL DEFAULT 'fr';

-- When a guardian answered a family event (the coordinator's digest).
ALTER TABLE family_event_guests ADD COLUMN replied_at TEXT;
