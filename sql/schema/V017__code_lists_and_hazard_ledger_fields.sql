-- Code lists users extend (issue #15): sectors, enforcement actions, hazard levels and inspection types live in one
-- editable file, etl/codes.yaml, which the start-up writes into these tables (cn.anjian.warehouse.CodeLists).
-- A sector may have a parent (餐饮 under 人员密集场所): filters on the parent include it, and the catalogue's
-- sector_parent dimension groups it under the parent. Hazard levels get a table of their own so that their labels
-- come from the same file rather than from Java.
ALTER TABLE dim_sector ADD COLUMN parent_code VARCHAR;

CREATE TABLE dim_hazard_level (
    level_code     VARCHAR   NOT NULL PRIMARY KEY,
    name_zh        VARCHAR   NOT NULL,
    name_en        VARCHAR   NOT NULL,
    sort_order     INTEGER   NOT NULL
);

-- Fields real hazard ledgers carry (整改通知书 lists): the rectification requirement or measures, the person
-- responsible for it, the inspectors, and the number of the notice or document the hazard was served in.
ALTER TABLE fact_hazard ADD COLUMN rectification_measures VARCHAR;
ALTER TABLE fact_hazard ADD COLUMN responsible_person VARCHAR;
ALTER TABLE fact_hazard ADD COLUMN inspectors VARCHAR;
ALTER TABLE fact_hazard ADD COLUMN document_no VARCHAR;
ALTER TABLE fact_hazard_history ADD COLUMN rectification_measures VARCHAR;
ALTER TABLE fact_hazard_history ADD COLUMN responsible_person VARCHAR;
ALTER TABLE fact_hazard_history ADD COLUMN inspectors VARCHAR;
ALTER TABLE fact_hazard_history ADD COLUMN document_no VARCHAR;

-- A mapping profile may read only some rows of a mixed list (where: {文书类型: 整改通知单}); the rows it leaves out are
-- counted here, neither read nor rejected.
ALTER TABLE etl_batch ADD COLUMN rows_skipped BIGINT;
