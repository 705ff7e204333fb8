-- The copy that created a session, if any: undoing a copy deletes its
-- sessions (those untouched since) by this one id, however many there are.
ALTER TABLE sessions ADD COLUMN copy_batch TEXT;
