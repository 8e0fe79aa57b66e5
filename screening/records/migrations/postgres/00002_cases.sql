-- +goose Up
-- The review queue: a case per review or license_required decision, the
-- events of each case (opened, dispositions, reopened), and the reviewer
-- suppressions that false-positive dispositions create.
CREATE TABLE cases (
    id          BIGSERIAL PRIMARY KEY,
    seq         BIGINT  NOT NULL UNIQUE REFERENCES records (seq),
    decision_id TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    status      TEXT    NOT NULL,
    opened_at   TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    disposition TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX cases_status ON cases (status, opened_at);

CREATE TABLE case_events (
    id          BIGSERIAL PRIMARY KEY,
    case_id     BIGINT  NOT NULL REFERENCES cases (id),
    at          TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    disposition TEXT    NOT NULL DEFAULT '',
    reviewer    TEXT    NOT NULL DEFAULT '',
    reason      TEXT    NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events (case_id);

CREATE TABLE suppressions (
    id         BIGSERIAL PRIMARY KEY,
    party      TEXT    NOT NULL,
    entry_key  TEXT    NOT NULL,
    entry_hash TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    reviewer   TEXT    NOT NULL,
    created    TEXT    NOT NULL,
    expires    TEXT    NOT NULL DEFAULT '',
    case_id    BIGINT
);
CREATE INDEX suppressions_lookup ON suppressions (party, entry_key);

-- +goose Down
DROP TABLE suppressions;
DROP TABLE case_events;
DROP TABLE cases;
