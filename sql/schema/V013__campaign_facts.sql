-- The record kinds of the 2023 "三个狠抓" campaign (issue #16), each a fact imported like the others: the natural key
-- first (the ledger's own number, or a hash of the identifying cells where the ledger has none), then the region it
-- belongs to, the coded columns, and the batch, file and row that loaded it. No PRIMARY KEY (V010: the import keeps
-- keys unique). Each has a history table for withdrawal (V012).

-- [one emergency drill of one enterprise on one day] 应急演练
CREATE TABLE fact_drill (
    drill_no          VARCHAR   NOT NULL,
    drill_date        DATE      NOT NULL,
    region_code       VARCHAR   NOT NULL,
    enterprise_code   VARCHAR   NOT NULL,
    target_name       VARCHAR,
    scenario          VARCHAR   NOT NULL,
    participants      INTEGER   NOT NULL,
    organizer         VARCHAR,
    note              VARCHAR,
    batch_id          BIGINT    NOT NULL,
    source_file       VARCHAR,
    source_row        INTEGER
);

-- [one person's attendance at one training] 安全培训 / 警示教育
CREATE TABLE fact_training (
    training_no       VARCHAR        NOT NULL,
    training_date     DATE           NOT NULL,
    region_code       VARCHAR        NOT NULL,
    enterprise_code   VARCHAR,
    target_name       VARCHAR,
    person_name       VARCHAR        NOT NULL,
    person_role       VARCHAR        NOT NULL,
    training_type     VARCHAR        NOT NULL,
    hours             DECIMAL(6, 1),
    passed            BOOLEAN        NOT NULL,
    note              VARCHAR,
    batch_id          BIGINT         NOT NULL,
    source_file       VARCHAR,
    source_row        INTEGER
);

-- [one tip-off or complaint; accumulating snapshot] 举报投诉 (12350 and other channels)
CREATE TABLE fact_tipoff (
    tipoff_no         VARCHAR        NOT NULL,
    received_date     DATE           NOT NULL,
    channel           VARCHAR        NOT NULL,
    region_code       VARCHAR        NOT NULL,
    sector_code       VARCHAR        NOT NULL,
    enterprise_code   VARCHAR,
    target_name       VARCHAR,
    content           VARCHAR        NOT NULL,
    substantiated     BOOLEAN,
    department_code   VARCHAR,
    deadline_date     DATE           NOT NULL,
    closed_date       DATE,
    reward_yuan       DECIMAL(14, 2),
    batch_id          BIGINT         NOT NULL,
    source_file       VARCHAR,
    source_row        INTEGER
);

-- [one quarterly safety check or annual report to the workforce by an enterprise's head] 企业负责人检查与述职
CREATE TABLE fact_head_duty (
    duty_no           VARCHAR   NOT NULL,
    duty_date         DATE      NOT NULL,
    region_code       VARCHAR   NOT NULL,
    enterprise_code   VARCHAR   NOT NULL,
    target_name       VARCHAR,
    head_name         VARCHAR,
    duty_type         VARCHAR   NOT NULL,
    hazards_found     INTEGER   NOT NULL,
    note              VARCHAR,
    batch_id          BIGINT    NOT NULL,
    source_file       VARCHAR,
    source_row        INTEGER
);

-- [one home visit to a fire-vulnerable household] 敲门行动
CREATE TABLE fact_door_knock (
    visit_no          VARCHAR   NOT NULL,
    visit_date        DATE      NOT NULL,
    region_code       VARCHAR   NOT NULL,
    household         VARCHAR   NOT NULL,
    household_type    VARCHAR   NOT NULL,
    visited_by        VARCHAR,
    department_code   VARCHAR,
    problems_found    INTEGER   NOT NULL,
    problems_fixed    INTEGER   NOT NULL,
    note              VARCHAR,
    batch_id          BIGINT    NOT NULL,
    source_file       VARCHAR,
    source_row        INTEGER
);

-- [one publicity or education event] 宣传教育活动
CREATE TABLE fact_publicity (
    event_no          VARCHAR   NOT NULL,
    event_date        DATE      NOT NULL,
    region_code       VARCHAR   NOT NULL,
    department_code   VARCHAR,
    event_kind        VARCHAR   NOT NULL,
    title             VARCHAR   NOT NULL,
    audience          INTEGER   NOT NULL,
    note              VARCHAR,
    batch_id          BIGINT    NOT NULL,
    source_file       VARCHAR,
    source_row        INTEGER
);

-- [one progress report of one responsible unit on one campaign task] 任务进展. The unit is a village (region_code =
-- department-less village) or a department (department_code; its home is its town, like mart_unit_month's rows).
CREATE TABLE fact_task_progress (
    report_no         VARCHAR   NOT NULL,
    report_date       DATE      NOT NULL,
    task_id           VARCHAR   NOT NULL,
    unit_kind         VARCHAR   NOT NULL,
    unit_code         VARCHAR   NOT NULL,
    region_code       VARCHAR,
    department_code   VARCHAR,
    home_code         VARCHAR   NOT NULL,
    progress          VARCHAR   NOT NULL,
    evidence          VARCHAR,
    note              VARCHAR,
    batch_id          BIGINT    NOT NULL,
    source_file       VARCHAR,
    source_row        INTEGER
);

CREATE TABLE fact_drill_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM fact_drill LIMIT 0;
CREATE TABLE fact_training_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM fact_training LIMIT 0;
CREATE TABLE fact_tipoff_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM fact_tipoff LIMIT 0;
CREATE TABLE fact_head_duty_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM fact_head_duty LIMIT 0;
CREATE TABLE fact_door_knock_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM fact_door_knock LIMIT 0;
CREATE TABLE fact_publicity_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM fact_publicity LIMIT 0;
CREATE TABLE fact_task_progress_history AS SELECT *, CAST(NULL AS BIGINT) AS replaced_by FROM fact_task_progress LIMIT 0;

-- The tasks of every campaign file (dashboards/campaigns/*.yaml), written at start-up by the campaign loader: a
-- progress report must name one of them.
CREATE TABLE campaign_task (
    campaign_id       VARCHAR   NOT NULL,
    task_id           VARCHAR   NOT NULL,
    title             VARCHAR   NOT NULL
);
