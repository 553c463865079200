-- Pre-aggregates of the semantic layer (DESIGN §5), rebuilt by sql/marts/*.sql after every load. Metrics that
-- can be answered from these read them; everything derived against an as-of date reads the facts.

-- One row per checking unit (each village and each department) and month, from the first inspection month to the
-- current month, including months in which the unit did nothing: monthly-check compliance and "ledger not
-- received" count the zeros. A village unit's region_code is the village; a department's is NULL.
CREATE TABLE mart_unit_month (
    month_start      DATE      NOT NULL,
    unit_kind        VARCHAR   NOT NULL,
    unit_code        VARCHAR   NOT NULL,
    region_code      VARCHAR,
    department_code  VARCHAR,
    inspections      BIGINT    NOT NULL,
    monthly_checks   BIGINT    NOT NULL,
    PRIMARY KEY (month_start, unit_kind, unit_code)
);

-- One row per key enterprise (重点企业) and year in which some version of it was key, with its inspections that
-- year by anyone but itself (self-checks do not count as supervision).
CREATE TABLE mart_key_enterprise_year (
    year_start       DATE      NOT NULL,
    enterprise_code  VARCHAR   NOT NULL,
    region_code      VARCHAR   NOT NULL,
    sector_code      VARCHAR   NOT NULL,
    inspections      BIGINT    NOT NULL,
    PRIMARY KEY (year_start, enterprise_code)
);
