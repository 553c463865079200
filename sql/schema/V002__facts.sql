-- Facts (DESIGN §3). Each has the natural key of its source ledger as primary key so a re-import updates
-- instead of duplicating, and carries the batch, file and row that loaded it (lineage).

-- [one inspection of one target on one day]
CREATE TABLE fact_inspection (
    inspection_no     VARCHAR   NOT NULL PRIMARY KEY,
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

-- [one hazard; accumulating snapshot]. Overdue is derived at query time against an as-of date.
CREATE TABLE fact_hazard (
    hazard_no          VARCHAR        NOT NULL PRIMARY KEY,
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
    source_row         INTEGER
);

-- [one enforcement action]
CREATE TABLE fact_enforcement (
    case_no            VARCHAR        NOT NULL PRIMARY KEY,
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

-- [one accident]; feeds the assessment's vetoes.
CREATE TABLE fact_accident (
    accident_no        VARCHAR        NOT NULL PRIMARY KEY,
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
