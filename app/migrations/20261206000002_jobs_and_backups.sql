-- Background work that must run once across instances (issue 21): a job's
-- run for a period ('digest' for '2026-12-06', 'backup' for a day) is
-- claimed by inserting its row; the instance whose insert wins runs it.
CREATE TABLE job_runs (
    job TEXT NOT NULL,
    period TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    outcome TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (job, period)
);

-- The backups this database knows of (for /readyz and /metrics).
CREATE TABLE backups (
    id TEXT PRIMARY KEY,
    file_name TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    encrypted BIGINT NOT NULL CHECK (encrypted IN (0, 1)),
    finished_at TEXT NOT NULL
);
