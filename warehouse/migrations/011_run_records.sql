-- A run's record, whole (issue 19). `incomplete` completes the counts a load keeps with itself
-- (written in the load's own transaction, so a resumed commit never recounts them);
-- `produced_by` names the worker that ran it; `settings` holds the run's effective settings
-- (JSON, every setting and the source's own table) as the worker saw them. Statuses now also
-- include `crashed` (its worker died: no heartbeat, or Prefect marked its flow run Crashed)
-- and `abandoned` (left `running` by a process that is gone).
ALTER TABLE runs ADD COLUMN incomplete INTEGER DEFAULT 0;
ALTER TABLE runs ADD COLUMN produced_by VARCHAR;
ALTER TABLE runs ADD COLUMN settings JSON;
