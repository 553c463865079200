-- Import lineage: one row per imported file, one row per rejected (row, field).
CREATE SEQUENCE seq_etl_batch START WITH 1;

CREATE TABLE etl_batch (
    batch_id          BIGINT     NOT NULL PRIMARY KEY,
    kind              VARCHAR    NOT NULL,
    file_name         VARCHAR    NOT NULL,
    file_sha256       VARCHAR    NOT NULL,
    job_execution_id  BIGINT,
    status            VARCHAR    NOT NULL,
    started_at        TIMESTAMP  NOT NULL,
    finished_at       TIMESTAMP,
    rows_read         BIGINT     NOT NULL,
    rows_written      BIGINT     NOT NULL,
    rows_rejected     BIGINT     NOT NULL,
    message           VARCHAR
);

CREATE TABLE etl_reject (
    batch_id     BIGINT    NOT NULL,
    file_name    VARCHAR   NOT NULL,
    sheet_name   VARCHAR,
    row_no       BIGINT    NOT NULL,
    field_name   VARCHAR,
    field_value  VARCHAR,
    reason       VARCHAR   NOT NULL
);
