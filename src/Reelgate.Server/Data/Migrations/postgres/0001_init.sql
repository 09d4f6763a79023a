-- Ids compare byte-wise (COLLATE "C"): they are time-sortable and serve as list cursors.
CREATE TABLE accounts (
    id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE TABLE api_keys (
    id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id),
    name TEXT NOT NULL,
    prefix TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT NULL
);

CREATE TABLE tasks (
    id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL,
    model TEXT NOT NULL,
    provider TEXT NOT NULL,
    prompt TEXT NOT NULL,
    request_json TEXT NOT NULL,
    seconds INTEGER NOT NULL,
    size TEXT NOT NULL,
    progress INTEGER NOT NULL DEFAULT 0,
    eta_seconds INTEGER NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT NULL,
    lease_expires_at BIGINT NULL,
    error_code TEXT NULL,
    error_message TEXT NULL,
    outputs_json TEXT NULL,
    created_at BIGINT NOT NULL,
    started_at BIGINT NULL,
    completed_at BIGINT NULL,
    expires_at BIGINT NULL
);
CREATE INDEX ix_tasks_account ON tasks (account_id, id);
CREATE INDEX ix_tasks_claim ON tasks (status, id);

CREATE TABLE files (
    id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id),
    filename TEXT NOT NULL,
    content_type TEXT NOT NULL,
    bytes BIGINT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX ix_files_account ON files (account_id, id);
