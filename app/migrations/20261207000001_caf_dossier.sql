-- The CAF dossier (issue 23). The project's facts the CAF's templates ask
-- for, set per structure and school year, with the structure's CAF dates
-- and the hourly value of a volunteer's time; and the year's budget, one
-- row per charge or product kind with its expected and actual amounts in
-- cents (exact: never a float). A row not there is zero.
CREATE TABLE dossier_facts (
    school_year_id TEXT PRIMARY KEY REFERENCES school_years(id) ON DELETE CASCADE,
    commune TEXT NOT NULL DEFAULT '',
    neighbourhood TEXT NOT NULL DEFAULT '',
    setting TEXT CHECK (setting IN ('urbain', 'rural')),
    priority_area BIGINT CHECK (priority_area IN (0, 1)),
    education_plan TEXT CHECK (education_plan IN ('aucun', 'pel', 'pedt', 'pel_pedt')),
    premises TEXT CHECK (premises IN ('ecole', 'centre_social', 'local_associatif', 'local_municipal', 'mediatheque', 'autre')),
    call_for_projects TEXT,
    bilan_due TEXT,
    volunteer_rate_cents BIGINT NOT NULL DEFAULT 0 CHECK (volunteer_rate_cents >= 0),
    updated_at TEXT NOT NULL
);
CREATE TABLE budget_lines (
    school_year_id TEXT NOT NULL REFERENCES school_years(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('personnel', 'locaux', 'activites', 'transport', 'autres_charges',
                                       'caf', 'commune', 'departement', 'contrat_de_ville', 'familles', 'autres_produits')),
    expected_cents BIGINT NOT NULL DEFAULT 0 CHECK (expected_cents >= 0),
    actual_cents BIGINT NOT NULL DEFAULT 0 CHECK (actual_cents >= 0),
    PRIMARY KEY (school_year_id, kind)
);
