-- Remote providers: the upstream job a task is bound to once the upstream accepted it (so a
-- restarted worker resumes polling it instead of submitting again), and every provider tried.
ALTER TABLE tasks ADD COLUMN upstream_operation TEXT NULL;
ALTER TABLE tasks ADD COLUMN upstream_submitted_at BIGINT NULL;
ALTER TABLE tasks ADD COLUMN provider_attempts TEXT NULL;
