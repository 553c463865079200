-- Aggregate tables the dashboards read; rebuilt by sql/marts/*.sql after every load.
CREATE TABLE mart_hazard_month (
    month_start       DATE      NOT NULL,
    region_code       VARCHAR   NOT NULL,
    sector_code       VARCHAR   NOT NULL,
    hazard_level      VARCHAR   NOT NULL,
    department_code   VARCHAR,
    found_count       BIGINT    NOT NULL,
    rectified_count   BIGINT    NOT NULL,
    closed_count      BIGINT    NOT NULL,
    funds_yuan        DECIMAL(18, 2)
);
