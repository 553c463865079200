-- Every import can be withdrawn (issue #14). A batch that rewrites rows keeps their prior versions in the table's
-- history (replaced_by: the batch that replaced them); the rows it inserted carry its batch_id. Withdrawing batch B
-- deletes the rows B wrote and puts back the versions B replaced, exactly. Only rows an import really changes are
-- copied (never the unchanged or new ones), so a large first import pays nothing for its history.
-- A migration that adds a column to one of these tables adds it to its history too (the loader writes BY NAME).
CREATE TABLE fact_inspection_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM fact_inspection LIMIT 0;
CREATE TABLE fact_hazard_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM fact_hazard LIMIT 0;
CREATE TABLE fact_enforcement_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM fact_enforcement LIMIT 0;
CREATE TABLE fact_accident_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM fact_accident LIMIT 0;
CREATE TABLE dim_region_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM dim_region LIMIT 0;
CREATE TABLE dim_enterprise_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM dim_enterprise LIMIT 0;

-- Which earlier batches an import built on: those whose rows it matched by key (updated or found unchanged). A batch
-- another live batch built on cannot be withdrawn alone.
CREATE TABLE etl_batch_dependency (
    batch_id    BIGINT NOT NULL,
    depends_on  BIGINT NOT NULL
);

-- What an import did to the rows it read, and its withdrawal.
ALTER TABLE etl_batch ADD COLUMN rows_new BIGINT;
ALTER TABLE etl_batch ADD COLUMN rows_updated BIGINT;
ALTER TABLE etl_batch ADD COLUMN rows_unchanged BIGINT;
ALTER TABLE etl_batch ADD COLUMN withdrawn_at TIMESTAMP;
ALTER TABLE etl_batch ADD COLUMN withdrawn_by VARCHAR;
ALTER TABLE etl_batch ADD COLUMN withdraw_reason VARCHAR;
