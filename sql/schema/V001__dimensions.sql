-- Conformed dimensions of the Anjian warehouse (DESIGN §3). Kept to DDL that jOOQ's DDLDatabase can parse.

-- Calendar, one row per day 2015–2035, with Chinese holidays and the supervision calendar's key periods.
CREATE TABLE dim_date (
    date_key               DATE        NOT NULL PRIMARY KEY,
    year_no                INTEGER     NOT NULL,
    quarter_no             INTEGER     NOT NULL,
    month_no               INTEGER     NOT NULL,
    day_of_month           INTEGER     NOT NULL,
    iso_year               INTEGER     NOT NULL,
    iso_week               INTEGER     NOT NULL,
    day_of_week            INTEGER     NOT NULL,
    is_weekend             BOOLEAN     NOT NULL,
    holiday_code           VARCHAR,
    holiday_name           VARCHAR,
    is_key_period          BOOLEAN     NOT NULL,
    is_safety_month        BOOLEAN     NOT NULL,
    is_forest_fire_season  BOOLEAN     NOT NULL
);

-- County → town → village/community. valid_from/valid_to keep merged villages (撤并) with their history.
CREATE TABLE dim_region (
    region_code    VARCHAR   NOT NULL PRIMARY KEY,
    region_name    VARCHAR   NOT NULL,
    region_level   VARCHAR   NOT NULL,
    parent_code    VARCHAR,
    county_code    VARCHAR,
    town_code      VARCHAR,
    is_community   BOOLEAN   NOT NULL,
    valid_from     DATE      NOT NULL,
    valid_to       DATE      NOT NULL,
    merged_into    VARCHAR,
    is_demo        BOOLEAN   NOT NULL,
    batch_id       BIGINT
);

CREATE TABLE dim_sector (
    sector_code    VARCHAR   NOT NULL PRIMARY KEY,
    name_zh        VARCHAR   NOT NULL,
    name_en        VARCHAR   NOT NULL,
    is_headline    BOOLEAN   NOT NULL,
    sort_order     INTEGER   NOT NULL
);

-- Spellings met in real ledgers, per code domain (sector, hazard_level, hazard_status, scale, inspection_type,
-- enforcement_action, department, accident_level, yes_no). One table so one lookup mechanism serves them all.
CREATE TABLE code_alias (
    domain         VARCHAR   NOT NULL,
    alias          VARCHAR   NOT NULL,
    code           VARCHAR   NOT NULL,
    PRIMARY KEY (domain, alias)
);

CREATE TABLE dim_department (
    department_code VARCHAR  NOT NULL PRIMARY KEY,
    name_zh         VARCHAR  NOT NULL,
    name_en         VARCHAR  NOT NULL,
    sort_order      INTEGER  NOT NULL
);

CREATE TABLE dim_inspection_type (
    type_code      VARCHAR   NOT NULL PRIMARY KEY,
    name_zh        VARCHAR   NOT NULL,
    name_en        VARCHAR   NOT NULL,
    sort_order     INTEGER   NOT NULL
);

CREATE TABLE dim_enforcement_action (
    action_code    VARCHAR   NOT NULL PRIMARY KEY,
    name_zh        VARCHAR   NOT NULL,
    name_en        VARCHAR   NOT NULL,
    ladder_stage   INTEGER,
    sort_order     INTEGER   NOT NULL
);

-- Type-2 history: a change of scale or key-enterprise status adds a row and closes the previous one,
-- so facts join the version valid on their own date.
CREATE TABLE dim_enterprise (
    enterprise_code   VARCHAR   NOT NULL,
    valid_from        DATE      NOT NULL,
    valid_to          DATE      NOT NULL,
    is_current        BOOLEAN   NOT NULL,
    credit_code       VARCHAR,
    enterprise_name   VARCHAR   NOT NULL,
    region_code       VARCHAR   NOT NULL,
    sector_code       VARCHAR   NOT NULL,
    scale             VARCHAR   NOT NULL,
    is_high_risk      BOOLEAN   NOT NULL,
    is_key            BOOLEAN   NOT NULL,
    is_crowded_place  BOOLEAN   NOT NULL,
    address           VARCHAR,
    contact_person    VARCHAR,
    batch_id          BIGINT,
    PRIMARY KEY (enterprise_code, valid_from)
);

-- Public holidays that anchor key-date inspections (节点检查), with the key period around each.
CREATE TABLE ref_holiday (
    holiday_date   DATE      NOT NULL PRIMARY KEY,
    holiday_code   VARCHAR   NOT NULL,
    name_zh        VARCHAR   NOT NULL,
    key_from       DATE      NOT NULL,
    key_to         DATE      NOT NULL
);
