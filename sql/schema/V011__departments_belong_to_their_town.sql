-- A department belongs to its town (issue #13). Department rows of mart_unit_month had no region, so the row scope
-- of a town's leader dropped them and the leader saw other monthly-check figures than the administrator. Each
-- checking unit now carries its town: a village's own town, and for a department the town whose committee it
-- serves (one row per town and department, so a county's towns each have their police station). The row scope,
-- the town and county filters read town_code for department rows; region_code stays the village (NULL for a
-- department), so a village filter or a village breakdown never counts a department as a village.
-- No primary key: the mart is rebuilt whole after every load (sql/marts/unit_month.sql).
CREATE TABLE mart_unit_month_v011 (
    month_start      DATE      NOT NULL,
    unit_kind        VARCHAR   NOT NULL,
    unit_code        VARCHAR   NOT NULL,
    town_code        VARCHAR,
    region_code      VARCHAR,
    department_code  VARCHAR,
    inspections      BIGINT    NOT NULL,
    monthly_checks   BIGINT    NOT NULL
);
-- Until the next load rebuilds it, a warehouse of one town gives its departments that town.
INSERT INTO mart_unit_month_v011
SELECT m.month_start, m.unit_kind, m.unit_code,
       coalesce(r.town_code, (SELECT min(v.town_code) FROM dim_region v WHERE v.region_level = 'village')),
       m.region_code, m.department_code, m.inspections, m.monthly_checks
FROM mart_unit_month m LEFT JOIN dim_region r ON r.region_code = m.region_code;
DROP TABLE mart_unit_month;
ALTER TABLE mart_unit_month_v011 RENAME TO mart_unit_month;
