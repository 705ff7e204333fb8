-- Parents keep their data current (issue 22). A guardian's postal address;
-- when the coordinator asked the families to check their data (the start of
-- the year) and when this guardian last did. A pick-up adult a guardian
-- proposes waits for the coordinator's approval (`pending` = 1): the
-- register shows only the approved ones. Rows already there were entered by
-- a coordinator: approved.
ALTER TABLE guardians ADD COLUMN address TEXT;
ALTER TABLE guardians ADD COLUMN check_asked_at TEXT;
ALTER TABLE guardians ADD COLUMN checked_at TEXT;
ALTER TABLE authorised_adults ADD COLUMN proposed_by TEXT;
ALTER TABLE authorised_adults ADD COLUMN proposed_at TEXT;
ALTER TABLE authorised_adults ADD COLUMN pending BIGINT NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));
