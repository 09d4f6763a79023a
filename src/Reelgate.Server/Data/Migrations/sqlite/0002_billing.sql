-- Accounts get a tier, a status and the running totals the limits check in one statement.
-- Credit amounts everywhere are integers in 1/10,000 of a credit (20.2176 credits = 202176).
ALTER TABLE accounts ADD COLUMN tier TEXT NOT NULL DEFAULT 'free';
ALTER TABLE accounts ADD COLUMN status TEXT NOT NULL DEFAULT 'active';
-- Always equal to SUM(ledger.amount) for the account; kept here so a hold is one guarded UPDATE.
ALTER TABLE accounts ADD COLUMN balance INTEGER NOT NULL DEFAULT 0;
-- Credits held or charged in allowance_month (yyyymm), the month of the last monthly grant.
ALTER TABLE accounts ADD COLUMN month_used INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN allowance_month INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN storage_bytes INTEGER NOT NULL DEFAULT 0;
UPDATE accounts SET tier = 'unlimited' WHERE id = 'acct_admin';

ALTER TABLE api_keys ADD COLUMN expires_at INTEGER NULL;
ALTER TABLE api_keys ADD COLUMN ip_allowlist TEXT NULL;
ALTER TABLE api_keys ADD COLUMN sandbox INTEGER NOT NULL DEFAULT 0;
ALTER TABLE api_keys ADD COLUMN previous_hash TEXT NULL;
ALTER TABLE api_keys ADD COLUMN previous_expires_at INTEGER NULL;
ALTER TABLE api_keys ADD COLUMN last_used_at INTEGER NULL;
CREATE INDEX ix_api_keys_previous_hash ON api_keys (previous_hash);

ALTER TABLE tasks ADD COLUMN credits INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN billing TEXT NOT NULL DEFAULT 'unmetered';
ALTER TABLE tasks ADD COLUMN sandbox INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN output_bytes INTEGER NOT NULL DEFAULT 0;
CREATE INDEX ix_tasks_account_status ON tasks (account_id, status, id);

-- Append-only: rows are inserted, never updated or deleted.
CREATE TABLE ledger (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL,
    amount INTEGER NOT NULL,
    balance_after INTEGER NOT NULL,
    task_id TEXT NULL,
    model TEXT NULL,
    seconds INTEGER NOT NULL DEFAULT 0,
    reason TEXT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_ledger_account ON ledger (account_id, created_at);
CREATE INDEX ix_ledger_task ON ledger (task_id);

-- Per account and UTC day (days since 1970-01-01): what the daily limits count.
CREATE TABLE daily_counters (
    account_id TEXT NOT NULL REFERENCES accounts(id),
    day INTEGER NOT NULL,
    tasks INTEGER NOT NULL DEFAULT 0,
    downloads INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, day)
);

-- Account events (usage.threshold, …), recorded once per period; webhooks deliver them.
CREATE TABLE account_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id TEXT NOT NULL REFERENCES accounts(id),
    kind TEXT NOT NULL,
    period TEXT NOT NULL,
    payload_json TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, kind, period)
);
