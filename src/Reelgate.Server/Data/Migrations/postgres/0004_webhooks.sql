-- Webhooks: endpoints per account, and the outbox. A delivery row is written in the same
-- transaction as the status change it reports; the delivery worker sends it, and every attempt
-- is recorded.
ALTER TABLE tasks ADD COLUMN origin TEXT NULL;
ALTER TABLE accounts ADD COLUMN webhook_secret TEXT NULL;
ALTER TABLE accounts ADD COLUMN webhook_previous_secret TEXT NULL;
ALTER TABLE accounts ADD COLUMN webhook_previous_expires_at BIGINT NULL;

CREATE TABLE webhook_endpoints (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL,
    url TEXT NOT NULL,
    description TEXT NULL,
    events TEXT NOT NULL,
    secret TEXT NOT NULL,
    previous_secret TEXT NULL,
    previous_expires_at BIGINT NULL,
    enabled INTEGER NOT NULL,
    disabled_reason TEXT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX ix_webhook_endpoints_account ON webhook_endpoints (account_id);

CREATE TABLE webhook_deliveries (
    id TEXT COLLATE "C" PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL,
    endpoint_id TEXT COLLATE "C" NULL,
    task_id TEXT COLLATE "C" NULL,
    event_type TEXT NOT NULL,
    url TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    round_start INTEGER NOT NULL,
    next_attempt_at BIGINT NULL,
    lease_owner TEXT NULL,
    lease_expires_at BIGINT NULL,
    last_status_code INTEGER NULL,
    last_error TEXT NULL,
    created_at BIGINT NOT NULL,
    delivered_at BIGINT NULL
);
CREATE INDEX ix_webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
CREATE INDEX ix_webhook_deliveries_account ON webhook_deliveries (account_id, id);
CREATE INDEX ix_webhook_deliveries_task ON webhook_deliveries (task_id);

CREATE TABLE webhook_attempts (
    delivery_id TEXT COLLATE "C" NOT NULL,
    attempt INTEGER NOT NULL,
    started_at BIGINT NOT NULL,
    duration_ms INTEGER NOT NULL,
    status_code INTEGER NULL,
    error TEXT NULL,
    response_body TEXT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
