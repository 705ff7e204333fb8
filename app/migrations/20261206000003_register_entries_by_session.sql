-- The register's entries, rebuilt for the cost of a sync's commit, measured
-- with the load benchmark (100 tablets x 15 marks, 40 rounds).
--
-- 1. Indexed by session alone (was session and child). Each child marked
--    again wrote to its own run of the old index, so once those runs
--    outgrew a page a re-mark of a whole register wrote one index page per
--    child, and a commit grew with the entries already held (SQLite's p99
--    rose round after round). By session, a register's new entries share
--    the end of one run. Nothing read entries by session and child; the
--    privacy job finds a child's entries through its register rows
--    (attendance_child).
-- 2. No foreign keys to children and users (the session's stays, with its
--    cascade). A sync writes only entries whose child the register expects
--    and whose user is the one signed in, both read under the session's
--    lock; children and users are never deleted (they are anonymised). On
--    PostgreSQL those two checks were two thirds of the insert's time.
--
-- SQLite cannot drop a constraint: the table is copied. The disagreements,
-- which point at entries, are set aside first so that dropping the old
-- table cascades into nothing, then put back. Portable SQL, both databases.

CREATE TABLE register_entries_rebuilt (
    id TEXT PRIMARY KEY,                         -- made on the device
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    child_id TEXT,                               -- marks only
    kind TEXT NOT NULL CHECK (kind IN ('mark', 'notes', 'close')),
    device_id TEXT NOT NULL,
    user_id TEXT,                                -- who was signed in
    made_at TEXT NOT NULL,                       -- the device's clock, to the millisecond
    received_at TEXT NOT NULL,
    payload TEXT NOT NULL                        -- the entry as the device sent it (JSON)
);
INSERT INTO register_entries_rebuilt
    (id, session_id, child_id, kind, device_id, user_id, made_at, received_at, payload)
SELECT id, session_id, child_id, kind, device_id, user_id, made_at, received_at, payload
FROM register_entries;

CREATE TABLE register_disagreements_kept AS
SELECT session_id, child_id, first_entry, second_entry, noticed_at FROM register_disagreements;
DROP TABLE register_disagreements;
DROP TABLE register_entries;
ALTER TABLE register_entries_rebuilt RENAME TO register_entries;
CREATE INDEX register_entries_session ON register_entries(session_id);

CREATE TABLE register_disagreements (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    first_entry TEXT NOT NULL REFERENCES register_entries(id) ON DELETE CASCADE,
    second_entry TEXT NOT NULL REFERENCES register_entries(id) ON DELETE CASCADE,
    noticed_at TEXT NOT NULL,
    PRIMARY KEY (first_entry, second_entry)
);
INSERT INTO register_disagreements (session_id, child_id, first_entry, second_entry, noticed_at)
SELECT session_id, child_id, first_entry, second_entry, noticed_at FROM register_disagreements_kept;
DROP TABLE register_disagreements_kept;
CREATE INDEX register_disagreements_session ON register_disagreements(session_id);
