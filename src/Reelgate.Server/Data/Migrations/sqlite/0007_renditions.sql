-- Renditions: every rendition and HLS package of a task's outputs, one row each. The table is the
-- queue of renditions asked for after a task completed (claimed with a compare-and-swap and a
-- lease, like tasks) and the truth for those asked at create (written with the task's completion).
-- tasks.renditions_json is the rows as the status poll shows them, rewritten in the transaction of
-- every row change, so a poll still reads one row.
CREATE TABLE renditions (
    id TEXT PRIMARY KEY,
    task_id TEXT NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    account_id TEXT NOT NULL,
    output_index INTEGER NOT NULL,
    name TEXT NOT NULL,
    fps_mode TEXT NOT NULL,
    status TEXT NOT NULL,
    error_code TEXT NULL,
    error_message TEXT NULL,
    upscaled INTEGER NOT NULL DEFAULT 0,
    storage_key TEXT NULL,
    metadata_json TEXT NULL,
    size_bytes INTEGER NOT NULL DEFAULT 0,
    credits INTEGER NOT NULL DEFAULT 0,
    billing TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT NULL,
    lease_expires_at INTEGER NULL,
    created_at INTEGER NOT NULL,
    started_at INTEGER NULL,
    completed_at INTEGER NULL,
    UNIQUE (task_id, output_index, name)
);
CREATE INDEX ix_renditions_claim ON renditions (status, created_at);
ALTER TABLE tasks ADD COLUMN renditions_json TEXT NULL;
