-- Renditions: every rendition and HLS package of a task's outputs, one row each. The table is the
-- queue of renditions asked for after a task completed (claimed with a compare-and-swap and a
-- lease, like tasks) and the truth for those asked at create (written with the task's completion).
-- tasks.renditions_json is the rows as the status poll shows them, rewritten in the transaction of
-- every row change, so a poll still reads one row.
CREATE TABLE renditions (
    id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
    task_id TEXT COLLATE "C" NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    account_id TEXT COLLATE "C" NOT NULL,
    output_index INTEGER NOT NULL,
    name TEXT NOT NULL,
    fps_mode TEXT NOT NULL,
    status TEXT NOT NULL,
    error_code TEXT NULL,
    error_message TEXT NULL,
    upscaled BOOLEAN NOT NULL DEFAULT FALSE,
    storage_key TEXT NULL,
    metadata_json TEXT NULL,
    size_bytes BIGINT NOT NULL DEFAULT 0,
    credits BIGINT NOT NULL DEFAULT 0,
    billing TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_owner TEXT NULL,
    lease_expires_at BIGINT NULL,
    created_at BIGINT NOT NULL,
    started_at BIGINT NULL,
    completed_at BIGINT NULL,
    UNIQUE (task_id, output_index, name)
);
CREATE INDEX ix_renditions_claim ON renditions (status, created_at);
ALTER TABLE tasks ADD COLUMN renditions_json TEXT NULL;
