-- The organisation's audit log named accompanists in its details (« Jeanne
-- Essai »), which outlived their record. It now names them by id; the
-- names already written go (the rows, their time and author stay).
UPDATE audit_log SET detail = ''
WHERE action IN ('settings.accompanist_add', 'settings.accompanist_update');
