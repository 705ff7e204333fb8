-- A counter bumped by every planning change of an organisation. Why: the
-- change's first statement updates this row, which serialises the
-- organisation's planning writes on PostgreSQL (row lock) and on SQLite
-- (write lock), so the rules are checked against what the change will
-- really sit next to (two sessions moved into one room at once cannot both
-- pass).
ALTER TABLE organisations ADD COLUMN planning_version BIGINT NOT NULL DEFAULT 0;
