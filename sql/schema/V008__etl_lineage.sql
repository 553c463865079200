-- Ledgers imported through mapping profiles (issue #4): which profile read the file, and lineage notes for records
-- that do not stand one-to-one with a ledger row (a cell of numbered hazards split into one record each).
ALTER TABLE etl_batch ADD COLUMN profile VARCHAR;

CREATE TABLE etl_lineage (
    batch_id     BIGINT    NOT NULL,
    natural_key  VARCHAR   NOT NULL,
    sheet_name   VARCHAR,
    row_no       BIGINT,
    note         VARCHAR   NOT NULL
);
