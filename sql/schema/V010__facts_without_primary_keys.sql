-- The facts without PRIMARY KEY constraints (issue #2, bench/RESULTS.md). The import already keeps each natural key
-- unique: it rejects the second row of a key within a file and MERGEs on the key, and imports run one at a time (one
-- worker thread; the DuckDB file admits one process). The constraint's ART index only cost time and memory: at 10 M
-- hazards the load step filled DuckDB's 4 GB memory_limit with it and wrote it again at every commit, and the
-- dashboards never look a fact up by its key. DuckDB cannot drop a constraint, so each table is rebuilt, with its
-- columns, NOT NULLs and defaults as they were.

CREATE TABLE fact_inspection_v010 (
    inspection_no     VARCHAR   NOT NULL,
    inspection_date   DATE      NOT NULL,
    region_code       VARCHAR   NOT NULL,
    enterprise_code   VARCHAR,
    target_name       VARCHAR,
    sector_code       VARCHAR   NOT NULL,
    department_code   VARCHAR,
    inspection_type   VARCHAR   NOT NULL,
    inspector         VARCHAR,
    led_by_leader     BOOLEAN   NOT NULL,
    is_double_random  BOOLEAN   NOT NULL,
    hazards_found     INTEGER   NOT NULL,
    note              VARCHAR,
    batch_id          BIGINT    NOT NULL,
    source_file       VARCHAR,
    source_row        INTEGER
);
INSERT INTO fact_inspection_v010 SELECT * FROM fact_inspection;
DROP TABLE fact_inspection;
ALTER TABLE fact_inspection_v010 RENAME TO fact_inspection;

CREATE TABLE fact_hazard_v010 (
    hazard_no          VARCHAR        NOT NULL,
    found_date         DATE           NOT NULL,
    deadline_date      DATE,
    rectified_date     DATE,
    verified_date      DATE,
    closed_date        DATE,
    hazard_level       VARCHAR        NOT NULL,
    sector_code        VARCHAR        NOT NULL,
    region_code        VARCHAR        NOT NULL,
    enterprise_code    VARCHAR,
    target_name        VARCHAR,
    department_code    VARCHAR,
    inspection_no      VARCHAR,
    description        VARCHAR        NOT NULL,
    status             VARCHAR        NOT NULL,
    funds_yuan         DECIMAL(14, 2),
    wl_responsibility  BOOLEAN        NOT NULL,
    wl_measures        BOOLEAN        NOT NULL,
    wl_funds           BOOLEAN        NOT NULL,
    wl_time_limit      BOOLEAN        NOT NULL,
    wl_contingency     BOOLEAN        NOT NULL,
    is_published       BOOLEAN        NOT NULL,
    batch_id           BIGINT         NOT NULL,
    source_file        VARCHAR,
    source_row         INTEGER,
    open_until         DATE           NOT NULL DEFAULT DATE '9999-12-31'
);
INSERT INTO fact_hazard_v010 SELECT * FROM fact_hazard;
DROP TABLE fact_hazard;
ALTER TABLE fact_hazard_v010 RENAME TO fact_hazard;

CREATE TABLE fact_enforcement_v010 (
    case_no            VARCHAR        NOT NULL,
    action_date        DATE           NOT NULL,
    enterprise_code    VARCHAR,
    target_name        VARCHAR        NOT NULL,
    region_code        VARCHAR        NOT NULL,
    sector_code        VARCHAR        NOT NULL,
    department_code    VARCHAR,
    action_code        VARCHAR        NOT NULL,
    ladder_stage       INTEGER,
    fine_proposed_yuan DECIMAL(14, 2),
    fine_final_yuan    DECIMAL(14, 2),
    hazard_no          VARCHAR,
    inspection_no      VARCHAR,
    description        VARCHAR,
    batch_id           BIGINT         NOT NULL,
    source_file        VARCHAR,
    source_row         INTEGER
);
INSERT INTO fact_enforcement_v010 SELECT * FROM fact_enforcement;
DROP TABLE fact_enforcement;
ALTER TABLE fact_enforcement_v010 RENAME TO fact_enforcement;

CREATE TABLE fact_accident_v010 (
    accident_no        VARCHAR        NOT NULL,
    accident_date      DATE           NOT NULL,
    region_code        VARCHAR        NOT NULL,
    sector_code        VARCHAR        NOT NULL,
    enterprise_code    VARCHAR,
    accident_level     VARCHAR        NOT NULL,
    deaths             INTEGER        NOT NULL,
    injuries           INTEGER        NOT NULL,
    direct_loss_yuan   DECIMAL(14, 2),
    is_concealed       BOOLEAN        NOT NULL,
    description        VARCHAR,
    batch_id           BIGINT         NOT NULL,
    source_file        VARCHAR,
    source_row         INTEGER
);
INSERT INTO fact_accident_v010 SELECT * FROM fact_accident;
DROP TABLE fact_accident;
ALTER TABLE fact_accident_v010 RENAME TO fact_accident;
