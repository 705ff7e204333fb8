-- Messages from the coordinator to families (issue 22): written to the
-- families of a group, of a session or of one child; each recipient row is
-- one guardian of one child, fixed when the message is sent, with when they
-- read it and what they answered. Kept for the school year (the privacy job
-- deletes the past years' messages) and anonymised with the child.
CREATE TABLE family_messages (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    author_id TEXT NOT NULL REFERENCES users(id),
    audience TEXT NOT NULL CHECK (audience IN ('group', 'session', 'child')),
    audience_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    ask TEXT NOT NULL CHECK (ask IN ('none', 'ack', 'yes_no')),
    sent_at TEXT NOT NULL
);
CREATE INDEX family_messages_organisation ON family_messages(organisation_id, sent_at);
CREATE INDEX family_messages_audience ON family_messages(audience_id);

CREATE TABLE family_message_recipients (
    message_id TEXT NOT NULL REFERENCES family_messages(id) ON DELETE CASCADE,
    child_id TEXT NOT NULL REFERENCES children(id),
    guardian_id TEXT NOT NULL REFERENCES guardians(id),
    read_at TEXT,
    reply TEXT CHECK (reply IN ('ack', 'yes', 'no')),
    replied_at TEXT,
    PRIMARY KEY (message_id, child_id, guardian_id)
);
CREATE INDEX family_message_recipients_guardian ON family_message_recipients(guardian_id);
CREATE INDEX family_message_recipients_child ON family_message_recipients(child_id);
