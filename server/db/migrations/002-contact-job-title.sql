-- A contact's job title is `jobTitle` (the extension's database version 9): stored contacts,
-- tombstones included, keep the value and its clock under the new name, so a client's baseHlc for
-- the field still matches. Pushes from older extensions that say `title` are renamed on arrival
-- (server/sync/legacy-fields.ts). Sequence numbers stay: upgraded clients rename their own copies.
UPDATE records
SET fields = jsonb_build_object('jobTitle', fields -> 'title') || (fields - 'title')
WHERE collection = 'contacts' AND fields ? 'title';

UPDATE conflicts SET field = 'jobTitle' WHERE collection = 'contacts' AND field = 'title';
