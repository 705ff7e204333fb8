-- The register taken on tablets, online or offline.
--
-- Every entry a device sends (a mark, the session's notes, the closing) is
-- kept here under the id the device made: a replayed entry is found and
-- changes nothing, and the marks that lost (an older one, or another
-- device's) stay readable for the coordinator.
CREATE TABLE register_entries (
    id TEXT PRIMARY KEY,                         -- made on the device
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    child_id TEXT REFERENCES children(id) ON DELETE CASCADE,   -- marks only
    kind TEXT NOT NULL CHECK (kind IN ('mark', 'notes', 'close')),
    device_id TEXT NOT NULL,
    user_id TEXT REFERENCES users(id),
    made_at TEXT NOT NULL,                       -- the device's clock, to the millisecond
    received_at TEXT NOT NULL,
    payload TEXT NOT NULL                        -- the entry as the device sent it (JSON)
);
CREATE INDEX register_entries_session ON register_entries(session_id, child_id);

-- Two devices that marked the same child differently without seeing each
-- other's mark. The pair is stored once, smaller id first.
CREATE TABLE register_disagreements (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    first_entry TEXT NOT NULL REFERENCES register_entries(id) ON DELETE CASCADE,
    second_entry TEXT NOT NULL REFERENCES register_entries(id) ON DELETE CASCADE,
    noticed_at TEXT NOT NULL,
    PRIMARY KEY (first_entry, second_entry)
);
CREATE INDEX register_disagreements_session ON register_disagreements(session_id);

-- The parents who came to a session (the register's notes).
CREATE TABLE session_parents (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    guardian_id TEXT NOT NULL REFERENCES guardians(id) ON DELETE CASCADE,
    PRIMARY KEY (session_id, guardian_id)
);

-- Who closed the register, when the notes were last written (the newest
-- device entry wins), and when a coordinator last reopened it.
ALTER TABLE sessions ADD COLUMN closed_by TEXT REFERENCES users(id);
ALTER TABLE sessions ADD COLUMN notes_made_at TEXT;
ALTER TABLE sessions ADD COLUMN reopened_at TEXT;
