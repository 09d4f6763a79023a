-- One row per (account, Idempotency-Key): the first request's hash, then its stored answer.
CREATE TABLE idempotency_keys (
    account_id TEXT COLLATE "C" NOT NULL,
    idempotency_key TEXT COLLATE "C" NOT NULL,
    request_hash TEXT NOT NULL,
    state TEXT NOT NULL,
    status_code INTEGER NULL,
    content_type TEXT NULL,
    location TEXT NULL,
    body BYTEA NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, idempotency_key)
);
CREATE INDEX ix_idempotency_keys_expires ON idempotency_keys (expires_at);
