-- Dialects: the surface a task came through (its answers and callbacks take that surface's
-- shape), a deadline after which it is cancelled (Cancel-After), the dialect whose signature a
-- callback delivery carries, and server-wide secrets shared by every process (the signing key of
-- key-free download links).
ALTER TABLE tasks ADD COLUMN dialect TEXT NOT NULL DEFAULT 'native';
ALTER TABLE tasks ADD COLUMN deadline_at INTEGER NULL;
ALTER TABLE webhook_deliveries ADD COLUMN dialect TEXT NULL;
CREATE TABLE server_secrets (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_tasks_deadline ON tasks (deadline_at) WHERE deadline_at IS NOT NULL;
