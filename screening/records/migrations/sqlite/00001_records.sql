-- +goose Up
-- Decision records: append-only, each row carrying the hash of the one
-- before it. Times are UTC text of fixed width, so they sort as strings.
CREATE TABLE records (
    seq          INTEGER PRIMARY KEY,
    recorded_at  TEXT    NOT NULL,
    source       TEXT    NOT NULL,
    decision_id  TEXT    NOT NULL,
    outcome      TEXT    NOT NULL,
    request      BLOB    NOT NULL,
    decision     BLOB    NOT NULL,
    prev_hash    TEXT    NOT NULL,
    hash         TEXT    NOT NULL UNIQUE
);
CREATE INDEX records_recorded_at ON records (recorded_at);
CREATE INDEX records_outcome ON records (outcome);
CREATE INDEX records_decision_id ON records (decision_id);

CREATE TABLE record_parties (
    seq       INTEGER NOT NULL REFERENCES records (seq),
    party_key TEXT    NOT NULL
);
CREATE INDEX record_parties_key ON record_parties (party_key);
CREATE INDEX record_parties_seq ON record_parties (seq);

CREATE TABLE record_entries (
    seq        INTEGER NOT NULL REFERENCES records (seq),
    entry_key  TEXT    NOT NULL,
    entry_hash TEXT    NOT NULL,
    list       TEXT    NOT NULL
);
CREATE INDEX record_entries_key ON record_entries (entry_key);
CREATE INDEX record_entries_seq ON record_entries (seq);

CREATE TABLE record_reasons (
    seq  INTEGER NOT NULL REFERENCES records (seq),
    code TEXT    NOT NULL
);
CREATE INDEX record_reasons_code ON record_reasons (code);
CREATE INDEX record_reasons_seq ON record_reasons (seq);

-- The head of the chain: one row, updated in the transaction that appends.
CREATE TABLE chain_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT    NOT NULL
);
INSERT INTO chain_head (id, seq, hash) VALUES (1, 0, '');

-- +goose Down
DROP TABLE chain_head;
DROP TABLE record_reasons;
DROP TABLE record_entries;
DROP TABLE record_parties;
DROP TABLE records;
