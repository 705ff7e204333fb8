-- The next school year (issue 22): a child carried over into it has their
-- consent and contract to renew from its first day (`renew_from`); the
-- child's record says so until a consent given on or after that day and
-- the new year's contract are there.
ALTER TABLE children ADD COLUMN renew_from TEXT;
