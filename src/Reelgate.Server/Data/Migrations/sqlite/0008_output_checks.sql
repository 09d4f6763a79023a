-- Output checks: what a provider delivered is compared with what was asked. A mismatch fails
-- the task with error.details {asked, delivered}; an accepted downgrade records the same JSON.
ALTER TABLE tasks ADD COLUMN error_details TEXT NULL;
ALTER TABLE tasks ADD COLUMN downgrade TEXT NULL;
