-- The campaign's measures (issue #16). Campaign files (dashboards/campaigns/*.yaml) are written into campaign_task and
-- campaign_assignment at start-up; the marts below are rebuilt after every load (sql/marts/*.sql).

ALTER TABLE campaign_task ADD COLUMN starts_on DATE;
ALTER TABLE campaign_task ADD COLUMN ends_on DATE;
ALTER TABLE campaign_task ADD COLUMN by_progress BOOLEAN;

-- Who answers for a task measured by progress reports: every village (unit_kind village, department_code NULL) or
-- one safety-committee member unit (unit_kind department).
CREATE TABLE campaign_assignment (
    campaign_id       VARCHAR   NOT NULL,
    task_id           VARCHAR   NOT NULL,
    unit_kind         VARCHAR   NOT NULL,
    department_code   VARCHAR
);

-- One row per month, campaign task measured by progress reports and responsible unit, over the campaign's months up
-- to today: the latest report's status at the month's end (NULL when the unit has not reported). A department's
-- row belongs to its town (home_code), a village's to the village.
CREATE TABLE mart_task_unit_month (
    month_start       DATE      NOT NULL,
    campaign_id       VARCHAR   NOT NULL,
    task_id           VARCHAR   NOT NULL,
    unit_kind         VARCHAR   NOT NULL,
    unit_code         VARCHAR   NOT NULL,
    region_code       VARCHAR,
    department_code   VARCHAR,
    home_code         VARCHAR   NOT NULL,
    progress          VARCHAR,
    progress_rank     INTEGER   NOT NULL,
    report_no         VARCHAR
);

-- One row per above-scale enterprise (规上企业, any version that quarter) and quarter, from the first drill, head
-- check or inspection to today: its drills (in the quarter and in its half-year), its head's quarterly checks, and its
-- head's reports to the workforce in the year. half_row / year_row mark one row per enterprise and half-year / year.
CREATE TABLE mart_above_scale_quarter (
    quarter_start       DATE      NOT NULL,
    enterprise_code     VARCHAR   NOT NULL,
    region_code         VARCHAR   NOT NULL,
    sector_code         VARCHAR   NOT NULL,
    drills              BIGINT    NOT NULL,
    drills_half         BIGINT    NOT NULL,
    head_checks         BIGINT    NOT NULL,
    head_reports_year   BIGINT    NOT NULL,
    half_row            BOOLEAN   NOT NULL,
    year_row            BOOLEAN   NOT NULL
);
