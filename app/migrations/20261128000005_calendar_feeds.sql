-- Calendar subscriptions: a private address per guardian that a phone's
-- calendar reads (ICS). The token is the whole secret of the address; it
-- only reads the sessions of the guardian's children, and deleting the row
-- revokes it. It is kept as it is (not hashed) so that its owner can read
-- the address again on their page, as calendar services do.
CREATE TABLE calendar_feeds (
    token TEXT PRIMARY KEY,
    guardian_id TEXT NOT NULL UNIQUE REFERENCES guardians(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
);
