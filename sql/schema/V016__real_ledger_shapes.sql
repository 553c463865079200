-- Real ledgers as clerks keep them (issue #15, part 1).
--
-- Warnings: what an import read but had to interpret (a date without its year, a merged cell filled down, a profile
-- column not found, a status that contradicts the dates …). The row is loaded; the warning says what was assumed.
-- row_no NULL: about the whole file (or a sheet), not one row.
CREATE TABLE etl_warning (
    batch_id     BIGINT    NOT NULL,
    file_name    VARCHAR   NOT NULL,
    sheet_name   VARCHAR,
    row_no       BIGINT,
    field_name   VARCHAR,
    field_value  VARCHAR,
    message      VARCHAR   NOT NULL
);
ALTER TABLE etl_batch ADD COLUMN rows_warned BIGINT;
ALTER TABLE etl_batch ADD COLUMN cells_filled BIGINT;

-- 五落实 and 是否公布 a ledger leaves blank, or never had, stay unknown (NULL) instead of 否 (as 考核合格 in V015).
ALTER TABLE fact_hazard ALTER COLUMN wl_responsibility DROP NOT NULL;
ALTER TABLE fact_hazard ALTER COLUMN wl_measures DROP NOT NULL;
ALTER TABLE fact_hazard ALTER COLUMN wl_funds DROP NOT NULL;
ALTER TABLE fact_hazard ALTER COLUMN wl_time_limit DROP NOT NULL;
ALTER TABLE fact_hazard ALTER COLUMN wl_contingency DROP NOT NULL;
ALTER TABLE fact_hazard ALTER COLUMN is_published DROP NOT NULL;

-- The ledger's columns the record type has no field for (施工单位, 监理单位 …), kept with the row as a JSON object
-- of header → text (VARCHAR: DuckDB's JSON functions read it, and Parquet, Spark and jOOQ see plain text).
-- Every history table gets the column too: the loader copies rows into it BY NAME.
ALTER TABLE fact_inspection ADD COLUMN extra VARCHAR;
ALTER TABLE fact_hazard ADD COLUMN extra VARCHAR;
ALTER TABLE fact_enforcement ADD COLUMN extra VARCHAR;
ALTER TABLE fact_accident ADD COLUMN extra VARCHAR;
ALTER TABLE fact_drill ADD COLUMN extra VARCHAR;
ALTER TABLE fact_training ADD COLUMN extra VARCHAR;
ALTER TABLE fact_tipoff ADD COLUMN extra VARCHAR;
ALTER TABLE fact_head_duty ADD COLUMN extra VARCHAR;
ALTER TABLE fact_door_knock ADD COLUMN extra VARCHAR;
ALTER TABLE fact_publicity ADD COLUMN extra VARCHAR;
ALTER TABLE fact_task_progress ADD COLUMN extra VARCHAR;
ALTER TABLE fact_inspection_history ADD COLUMN extra VARCHAR;
ALTER TABLE fact_hazard_history ADD COLUMN extra VARCHAR;
ALTER TABLE fact_enforcement_history ADD COLUMN extra VARCHAR;
ALTER TABLE fact_accident_history ADD COLUMN extra VARCHAR;
ALTER TABLE fact_drill_history ADD COLUMN extra VARCHAR;
ALTER TABLE fact_training_history ADD COLUMN extra VARCHAR;
ALTER TABLE fact_tipoff_history ADD COLUMN extra VARCHAR;
ALTER TABLE fact_head_duty_history ADD COLUMN extra VARCHAR;
ALTER TABLE fact_door_knock_history ADD COLUMN extra VARCHAR;
ALTER TABLE fact_publicity_history ADD COLUMN extra VARCHAR;
ALTER TABLE fact_task_progress_history ADD COLUMN extra VARCHAR;
