-- Each person's display settings (issue 24): larger text, high contrast, a
-- dyslexia-friendly font, less motion, written as the device's cookie
-- writes them (`display::Display::code`). Empty: the defaults. A sign-in on
-- a new device brings them back.
ALTER TABLE users ADD COLUMN display TEXT NOT NULL DEFAULT '';
