-- +goose Up
-- An optional key a program gives a record so that storing the same
-- decision again (a resumed batch, a retried request) finds the record
-- already stored instead of adding a second. It is an index for that look-up,
-- not evidence: the chain hash does not cover it.
ALTER TABLE records ADD COLUMN record_key TEXT;
CREATE UNIQUE INDEX records_source_key ON records (source, record_key) WHERE record_key IS NOT NULL;

-- +goose Down
DROP INDEX records_source_key;
ALTER TABLE records DROP COLUMN record_key;
