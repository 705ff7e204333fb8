-- Passerelle schema. One file for SQLite and PostgreSQL: only the portable
-- subset is used (TEXT, BIGINT, DOUBLE PRECISION; ids are TEXT UUIDs made by
-- the application; booleans are 0/1 BIGINT; dates are ISO 8601 TEXT, times
-- are 'HH:MM' TEXT). Invariants are constraints here as well as in code.

CREATE TABLE territories (
    code TEXT PRIMARY KEY,              -- département code, e.g. '93'
    name TEXT NOT NULL
);

CREATE TABLE organisations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('centre_social', 'association', 'commune', 'autre')),
    territory_code TEXT NOT NULL REFERENCES territories(code),
    local_education_plan BIGINT NOT NULL DEFAULT 0 CHECK (local_education_plan IN (0, 1)),
    time_zone TEXT NOT NULL DEFAULT 'Europe/Paris',
    threshold_preset TEXT NOT NULL DEFAULT 'guide' CHECK (threshold_preset IN ('guide', 'caf_national', 'custom')),
    group_min BIGINT NOT NULL DEFAULT 5,
    group_max BIGINT NOT NULL DEFAULT 15,
    max_children_per_adult BIGINT NOT NULL DEFAULT 7,
    min_adults_per_session BIGINT NOT NULL DEFAULT 1,
    sessions_per_week BIGINT NOT NULL DEFAULT 2,
    anonymise_after_months BIGINT NOT NULL DEFAULT 24,
    created_at TEXT NOT NULL
);

CREATE TABLE venues (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    name TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL CHECK (kind IN ('associatif', 'municipal', 'autre')),
    UNIQUE (organisation_id, name)
);

CREATE TABLE school_years (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    label TEXT NOT NULL,                -- '2026-2027'
    first_day TEXT NOT NULL,
    last_day TEXT NOT NULL,
    holiday_zone TEXT NOT NULL DEFAULT 'C',
    CHECK (first_day < last_day),
    UNIQUE (organisation_id, label)
);

CREATE TABLE holidays (
    id TEXT PRIMARY KEY,
    school_year_id TEXT NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    first_day TEXT NOT NULL,            -- first day without school, included
    last_day TEXT NOT NULL,             -- last day without school, included
    CHECK (first_day <= last_day)
);

CREATE TABLE schools (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    name TEXT NOT NULL,
    uai TEXT,                           -- official school code, e.g. 0931234A
    stage TEXT NOT NULL CHECK (stage IN ('primaire', 'secondaire'))
);

CREATE TABLE school_timetables (
    id TEXT PRIMARY KEY,
    school_id TEXT NOT NULL REFERENCES schools(id) ON DELETE CASCADE,
    weekday BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),   -- ISO: 1 = Monday
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    CHECK (starts_at < ends_at)
);

CREATE TABLE users (
    id TEXT PRIMARY KEY,
    organisation_id TEXT REFERENCES organisations(id),          -- NULL for admin and funder
    territory_code TEXT REFERENCES territories(code),           -- funders only
    email TEXT NOT NULL UNIQUE,                                 -- stored lower-case
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'coordinator', 'accompanist', 'parent', 'funder')),
    display_name TEXT NOT NULL,
    disabled BIGINT NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at TEXT NOT NULL,
    CHECK (role IN ('admin', 'funder') OR organisation_id IS NOT NULL),
    CHECK (role <> 'funder' OR territory_code IS NOT NULL)
);

CREATE TABLE login_sessions (
    token_hash TEXT PRIMARY KEY,        -- SHA-256 of the cookie's token
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL            -- absolute expiry
);
CREATE INDEX login_sessions_user ON login_sessions(user_id);

CREATE TABLE login_throttle (
    throttle_key TEXT PRIMARY KEY,      -- 'account:<email>' or 'address:<ip>'
    failures BIGINT NOT NULL,
    last_failure_at TEXT NOT NULL,
    blocked_until TEXT NOT NULL
);

CREATE TABLE accompanists (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    user_id TEXT UNIQUE REFERENCES users(id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    phone TEXT,
    paid BIGINT NOT NULL CHECK (paid IN (0, 1)),                -- 1 salarié, 0 bénévole
    availability TEXT NOT NULL DEFAULT ''
);

CREATE TABLE guardians (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    user_id TEXT UNIQUE REFERENCES users(id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    email TEXT,
    phone TEXT
);

CREATE TABLE children (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    birth_date TEXT,                    -- NULL once anonymised
    birth_year BIGINT NOT NULL,         -- kept for the report's age bands
    sex TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    school_id TEXT REFERENCES schools(id),
    school_level TEXT NOT NULL CHECK (school_level IN
        ('CP','CE1','CE2','CM1','CM2','6E','5E','4E','3E','2DE','1RE','TLE')),
    priority_area BIGINT NOT NULL DEFAULT 0 CHECK (priority_area IN (0, 1)),   -- QPV
    status TEXT NOT NULL CHECK (status IN ('oriente', 'inscrit', 'sorti')),
    left_on TEXT,
    left_reason TEXT,
    may_leave_alone BIGINT NOT NULL DEFAULT 0 CHECK (may_leave_alone IN (0, 1)),
    photo_consent BIGINT NOT NULL DEFAULT 0 CHECK (photo_consent IN (0, 1)),
    needs_note TEXT NOT NULL DEFAULT '',   -- coordinators and the child's accompanists only
    last_contact_on TEXT,
    anonymised_at TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX children_organisation ON children(organisation_id);

CREATE TABLE child_guardians (
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    guardian_id TEXT NOT NULL REFERENCES guardians(id) ON DELETE CASCADE,
    relationship TEXT NOT NULL DEFAULT 'parent',
    PRIMARY KEY (child_id, guardian_id)
);
CREATE INDEX child_guardians_guardian ON child_guardians(guardian_id);

CREATE TABLE authorised_adults (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    relationship TEXT NOT NULL,
    phone TEXT
);

CREATE TABLE referrals (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    source TEXT NOT NULL CHECK (source IN ('famille', 'enseignant', 'travailleur_social', 'pre', 'jeune', 'autre')),
    referred_on TEXT NOT NULL,
    need TEXT NOT NULL DEFAULT ''
);

CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    guardian_id TEXT NOT NULL REFERENCES guardians(id),
    given_on TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('papier', 'en_ligne', 'oral'))
);

CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    school_year_id TEXT NOT NULL REFERENCES school_years(id),
    name TEXT NOT NULL,
    levels TEXT NOT NULL DEFAULT '',             -- e.g. 'CP-CE2'
    default_venue_id TEXT REFERENCES venues(id),
    planned_activities TEXT NOT NULL DEFAULT '', -- comma-separated activity codes
    UNIQUE (organisation_id, school_year_id, name)
);

CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    joined_on TEXT NOT NULL,
    PRIMARY KEY (group_id, child_id)             -- a child is in a group once
);
CREATE INDEX group_members_child ON group_members(child_id);

CREATE TABLE group_waiting_list (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    added_at TEXT NOT NULL,
    PRIMARY KEY (group_id, child_id)
);

CREATE TABLE group_accompanists (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    accompanist_id TEXT NOT NULL REFERENCES accompanists(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, accompanist_id)
);
CREATE INDEX group_accompanists_accompanist ON group_accompanists(accompanist_id);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    group_id TEXT NOT NULL REFERENCES groups(id),
    venue_id TEXT NOT NULL REFERENCES venues(id),
    series_id TEXT,                              -- sessions copied from one week share it
    on_date TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'planned', 'cancelled', 'held')),
    cancel_reason TEXT,
    parents_welcome BIGINT NOT NULL DEFAULT 0 CHECK (parents_welcome IN (0, 1)),
    shared_with_parents BIGINT NOT NULL DEFAULT 0 CHECK (shared_with_parents IN (0, 1)),
    closed_at TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (starts_at < ends_at),
    CHECK (status <> 'cancelled' OR cancel_reason IS NOT NULL)
);
CREATE INDEX sessions_organisation_date ON sessions(organisation_id, on_date);
CREATE INDEX sessions_group_date ON sessions(group_id, on_date);

CREATE TABLE session_accompanists (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    accompanist_id TEXT NOT NULL REFERENCES accompanists(id),
    PRIMARY KEY (session_id, accompanist_id)
);
CREATE INDEX session_accompanists_accompanist ON session_accompanists(accompanist_id);

CREATE TABLE session_activities (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    category TEXT NOT NULL CHECK (category IN ('echange', 'methodologie', 'culture', 'arts', 'sport', 'jeux', 'devoirs')),
    done BIGINT NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),     -- 0 planned, 1 actually done
    PRIMARY KEY (session_id, category, done)
);

CREATE TABLE attendance (
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('present', 'late', 'absent', 'excused')),
    arrived_at TEXT,
    left_at TEXT,
    picked_up_by TEXT,                           -- an authorised adult's name, or 'seul'
    mark_id TEXT NOT NULL,                       -- made on the device: replays are no-ops
    device_id TEXT NOT NULL DEFAULT '',
    marked_at TEXT NOT NULL,                     -- when the device made the mark
    recorded_by TEXT REFERENCES users(id),
    PRIMARY KEY (session_id, child_id)           -- one row per session and child
);
CREATE INDEX attendance_child ON attendance(child_id);

CREATE TABLE absence_notices (
    id TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    guardian_id TEXT NOT NULL REFERENCES guardians(id),
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (session_id, child_id)
);

CREATE TABLE contracts (
    id TEXT PRIMARY KEY,
    child_id TEXT NOT NULL REFERENCES children(id) ON DELETE CASCADE,
    school_year_id TEXT NOT NULL REFERENCES school_years(id),
    objectives TEXT NOT NULL DEFAULT '',
    engagements TEXT NOT NULL DEFAULT '',
    school_id TEXT REFERENCES schools(id),
    signed_on TEXT,
    accepted_by_guardian_id TEXT REFERENCES guardians(id),
    accepted_at TEXT,
    UNIQUE (child_id, school_year_id)
);

CREATE TABLE school_liaisons (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    kind TEXT NOT NULL CHECK (kind IN ('diagnostic', 'demarrage', 'suivi', 'bilan')),
    child_id TEXT REFERENCES children(id) ON DELETE SET NULL,
    group_id TEXT REFERENCES groups(id),
    school_id TEXT REFERENCES schools(id),
    met_on TEXT NOT NULL,
    participants TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    objectives_reviewed TEXT NOT NULL DEFAULT ''
);

CREATE TABLE family_events (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    group_id TEXT REFERENCES groups(id),
    kind TEXT NOT NULL CHECK (kind IN ('accueil', 'information', 'seance_partagee', 'temps_fort', 'individuel')),
    title TEXT NOT NULL,
    on_date TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    ends_at TEXT NOT NULL,
    venue_id TEXT REFERENCES venues(id)
);

CREATE TABLE family_event_guests (
    event_id TEXT NOT NULL REFERENCES family_events(id) ON DELETE CASCADE,
    guardian_id TEXT NOT NULL REFERENCES guardians(id) ON DELETE CASCADE,
    reply TEXT CHECK (reply IN ('oui', 'non')),
    attended BIGINT NOT NULL DEFAULT 0 CHECK (attended IN (0, 1)),
    PRIMARY KEY (event_id, guardian_id)
);

CREATE TABLE partner_meetings (
    id TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    met_on TEXT NOT NULL,
    partners TEXT NOT NULL,             -- e.g. 'PRE, service jeunesse, médiathèque'
    notes TEXT NOT NULL DEFAULT ''
);

CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    organisation_id TEXT NOT NULL REFERENCES organisations(id),
    role TEXT NOT NULL CHECK (role IN ('accompanist', 'parent')),
    guardian_id TEXT REFERENCES guardians(id),
    accompanist_id TEXT REFERENCES accompanists(id),
    email TEXT NOT NULL,
    created_by TEXT NOT NULL REFERENCES users(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    CHECK ((role = 'parent' AND guardian_id IS NOT NULL) OR (role = 'accompanist' AND accompanist_id IS NOT NULL))
);

CREATE TABLE audit_log (
    id TEXT PRIMARY KEY,
    organisation_id TEXT REFERENCES organisations(id),
    user_id TEXT REFERENCES users(id),
    at TEXT NOT NULL,
    action TEXT NOT NULL,               -- e.g. 'login', 'invitation.create', 'child.update'
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
