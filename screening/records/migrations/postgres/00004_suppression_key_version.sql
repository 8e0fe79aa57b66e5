-- +goose Up
-- The version of the party-name key a suppression was stored under
-- (screening/partykey), and the party's name as screened, so that a
-- changed normaliser re-keys stored suppressions when the store opens
-- instead of silently voiding them. Rows stored before this have version 1.
ALTER TABLE suppressions ADD COLUMN party_key_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE suppressions ADD COLUMN party_name TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE suppressions DROP COLUMN party_name;
ALTER TABLE suppressions DROP COLUMN party_key_version;
