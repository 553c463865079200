package cn.anjian.semantic;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import static cn.anjian.jooq.Tables.ETL_BATCH;
import static cn.anjian.jooq.Tables.ETL_REJECT;
import static cn.anjian.jooq.Tables.FACT_ACCIDENT;
import static cn.anjian.jooq.Tables.FACT_ENFORCEMENT;
import static cn.anjian.jooq.Tables.FACT_HAZARD;
import static cn.anjian.jooq.Tables.FACT_INSPECTION;
import static cn.anjian.jooq.Tables.MART_HAZARD_MONTH;
import static cn.anjian.jooq.Tables.MART_KEY_ENTERPRISE_YEAR;
import static cn.anjian.jooq.Tables.MART_UNIT_MONTH;
import static cn.anjian.jooq.Tables.FACT_DRILL;
import static cn.anjian.jooq.Tables.FACT_TRAINING;
import static cn.anjian.jooq.Tables.FACT_TIPOFF;
import static cn.anjian.jooq.Tables.FACT_HEAD_DUTY;
import static cn.anjian.jooq.Tables.FACT_DOOR_KNOCK;
import static cn.anjian.jooq.Tables.FACT_PUBLICITY;
import static cn.anjian.jooq.Tables.FACT_TASK_PROGRESS;
import static cn.anjian.jooq.Tables.MART_TASK_UNIT_MONTH;
import static cn.anjian.jooq.Tables.MART_ABOVE_SCALE_QUARTER;

/**
 * A table the query builder reads, with the columns that filters, dimensions and the row-level scope bind to.
 * Every metric variant names its source, so the builder applies the same filters and scope to any of them
 * without a panel knowing which columns those are. A {@code null} column means the source does not have it:
 * dimensions and filters on it do not apply (a source without a region is visible only to users who may see every
 * region: {@link RowScope#everything()}).
 *
 * @param id         a stable name for messages and logs
 * @param table      the table (a mart where one exists, so queries stay fast at tens of millions of facts)
 * @param time       the fact's own date: the date range and the time dimensions use it
 * @param grain      the finest time grain {@code time} carries (a month mart cannot answer by day)
 * @param region     village code column: the village filter and dimension
 * @param sector     sector code column
 * @param department responsible department column
 * @param enterprise enterprise code column; joins {@code dim_enterprise} (type 2, on {@code time})
 * @param columns    further coded columns by dimension id (hazard_level, inspection_type, …)
 * @param own        the table whose rows the source counts: {@code table} itself, or the first table of its join
 * @param home       the region a row belongs to: the row-level scope and the town and county dimensions read it.
 *                   The village for facts; for rows of a town-level unit (a department) the town, so that a
 *                   town's leader sees the town's departments while no village filter counts them as a village
 */
public record Source(String id, Table<?> table, Field<LocalDate> time, TimeGrain grain, Field<String> region,
                     Field<String> sector, Field<String> department, Field<String> enterprise,
                     Map<String, Field<?>> columns, Table<?> own, Field<String> home) {

    Source(String id, Table<?> table, Field<LocalDate> time, TimeGrain grain, Field<String> region,
           Field<String> sector, Field<String> department, Field<String> enterprise, Map<String, Field<?>> columns) {
        this(id, table, time, grain, region, sector, department, enterprise, columns, table, region);
    }

    Source(String id, Table<?> table, Field<LocalDate> time, TimeGrain grain, Field<String> region,
           Field<String> sector, Field<String> department, Field<String> enterprise, Map<String, Field<?>> columns,
           Table<?> own) {
        this(id, table, time, grain, region, sector, department, enterprise, columns, own, region);
    }

    /** Hazards at month grain, rebuilt from {@code fact_hazard} after every load ({@code sql/marts/hazard_month.sql}). */
    public static final Source HAZARD_MONTH = new Source("mart_hazard_month", MART_HAZARD_MONTH,
            MART_HAZARD_MONTH.MONTH_START, TimeGrain.MONTH, MART_HAZARD_MONTH.REGION_CODE,
            MART_HAZARD_MONTH.SECTOR_CODE, MART_HAZARD_MONTH.DEPARTMENT_CODE, null,
            Map.of("hazard_level", MART_HAZARD_MONTH.HAZARD_LEVEL));

    /**
     * A hazard's status as its dates bear it out, the one the metrics count by: a closing date makes it 已销号, a
     * rectification date 已整改 whatever the ledger's 待整改/整改中 says; otherwise the status the ledger states (an
     * 已整改 without a date stays 已整改, as the metrics count it). The stated one stays on the row ({@code status}).
     */
    public static final Field<String> HAZARD_STATUS = DSL.when(FACT_HAZARD.CLOSED_DATE.isNotNull(), DSL.inline("closed"))
            // inline constants: the same expression in SELECT and GROUP BY (bind values would make them differ)
            .when(FACT_HAZARD.RECTIFIED_DATE.isNotNull()
                    .and(FACT_HAZARD.STATUS.in(DSL.inline("open"), DSL.inline("rectifying"))), DSL.inline("rectified"))
            .otherwise(FACT_HAZARD.STATUS);

    /** Hazards one by one: everything judged against the as-of date (open, overdue, rectified by then). */
    public static final Source HAZARD = new Source("fact_hazard", FACT_HAZARD, FACT_HAZARD.FOUND_DATE, TimeGrain.DAY,
            FACT_HAZARD.REGION_CODE, FACT_HAZARD.SECTOR_CODE, FACT_HAZARD.DEPARTMENT_CODE,
            FACT_HAZARD.ENTERPRISE_CODE,
            Map.of("hazard_level", FACT_HAZARD.HAZARD_LEVEL, "hazard_status", HAZARD_STATUS));

    public static final Source INSPECTION = new Source("fact_inspection", FACT_INSPECTION,
            FACT_INSPECTION.INSPECTION_DATE, TimeGrain.DAY, FACT_INSPECTION.REGION_CODE, FACT_INSPECTION.SECTOR_CODE,
            FACT_INSPECTION.DEPARTMENT_CODE, FACT_INSPECTION.ENTERPRISE_CODE,
            Map.of("inspection_type", FACT_INSPECTION.INSPECTION_TYPE));

    public static final Source ENFORCEMENT = new Source("fact_enforcement", FACT_ENFORCEMENT,
            FACT_ENFORCEMENT.ACTION_DATE, TimeGrain.DAY, FACT_ENFORCEMENT.REGION_CODE, FACT_ENFORCEMENT.SECTOR_CODE,
            FACT_ENFORCEMENT.DEPARTMENT_CODE, FACT_ENFORCEMENT.ENTERPRISE_CODE,
            Map.of("enforcement_action", FACT_ENFORCEMENT.ACTION_CODE));

    public static final Source ACCIDENT = new Source("fact_accident", FACT_ACCIDENT, FACT_ACCIDENT.ACCIDENT_DATE,
            TimeGrain.DAY, FACT_ACCIDENT.REGION_CODE, FACT_ACCIDENT.SECTOR_CODE, null, FACT_ACCIDENT.ENTERPRISE_CODE,
            Map.of("accident_level", FACT_ACCIDENT.ACCIDENT_LEVEL));

    /**
     * Checking units (villages, departments) by month, zeros included ({@code sql/marts/unit_month.sql}). A
     * department's row belongs to its town: a village row's home is the village, a department row's the town.
     */
    public static final Source UNIT_MONTH = new Source("mart_unit_month", MART_UNIT_MONTH,
            MART_UNIT_MONTH.MONTH_START, TimeGrain.MONTH, MART_UNIT_MONTH.REGION_CODE, null,
            MART_UNIT_MONTH.DEPARTMENT_CODE, null,
            Map.of("check_unit", MART_UNIT_MONTH.UNIT_CODE, "unit_kind", MART_UNIT_MONTH.UNIT_KIND),
            MART_UNIT_MONTH, DSL.coalesce(MART_UNIT_MONTH.REGION_CODE, MART_UNIT_MONTH.TOWN_CODE));

    /** Key enterprises by year with their inspections ({@code sql/marts/key_enterprise_year.sql}). */
    public static final Source KEY_ENTERPRISE_YEAR = new Source("mart_key_enterprise_year", MART_KEY_ENTERPRISE_YEAR,
            MART_KEY_ENTERPRISE_YEAR.YEAR_START, TimeGrain.YEAR, MART_KEY_ENTERPRISE_YEAR.REGION_CODE,
            MART_KEY_ENTERPRISE_YEAR.SECTOR_CODE, null, null,
            Map.of("enterprise", MART_KEY_ENTERPRISE_YEAR.ENTERPRISE_CODE));

    /** Emergency drills (应急演练), one per enterprise and day. */
    public static final Source DRILL = new Source("fact_drill", FACT_DRILL, FACT_DRILL.DRILL_DATE, TimeGrain.DAY,
            FACT_DRILL.REGION_CODE, null, null, FACT_DRILL.ENTERPRISE_CODE, Map.of());

    /** Trainings (安全培训 / 警示教育), one per person and training. */
    public static final Source TRAINING = new Source("fact_training", FACT_TRAINING, FACT_TRAINING.TRAINING_DATE,
            TimeGrain.DAY, FACT_TRAINING.REGION_CODE, null, null, FACT_TRAINING.ENTERPRISE_CODE,
            Map.of("training_role", FACT_TRAINING.PERSON_ROLE, "training_type", FACT_TRAINING.TRAINING_TYPE));

    /** Tip-offs (举报投诉), dated by receipt; closing judged on the as-of date. */
    public static final Source TIPOFF = new Source("fact_tipoff", FACT_TIPOFF, FACT_TIPOFF.RECEIVED_DATE,
            TimeGrain.DAY, FACT_TIPOFF.REGION_CODE, FACT_TIPOFF.SECTOR_CODE, FACT_TIPOFF.DEPARTMENT_CODE,
            FACT_TIPOFF.ENTERPRISE_CODE, Map.of("tipoff_channel", FACT_TIPOFF.CHANNEL));

    /** Enterprise heads' quarterly checks and annual reports (企业负责人检查与述职). */
    public static final Source HEAD_DUTY = new Source("fact_head_duty", FACT_HEAD_DUTY, FACT_HEAD_DUTY.DUTY_DATE,
            TimeGrain.DAY, FACT_HEAD_DUTY.REGION_CODE, null, null, FACT_HEAD_DUTY.ENTERPRISE_CODE, Map.of());

    /** Door-knocking visits (敲门行动). */
    public static final Source DOOR_KNOCK = new Source("fact_door_knock", FACT_DOOR_KNOCK, FACT_DOOR_KNOCK.VISIT_DATE,
            TimeGrain.DAY, FACT_DOOR_KNOCK.REGION_CODE, null, FACT_DOOR_KNOCK.DEPARTMENT_CODE, null,
            Map.of("household_type", FACT_DOOR_KNOCK.HOUSEHOLD_TYPE));

    /** Publicity and education events (宣传教育活动). */
    public static final Source PUBLICITY = new Source("fact_publicity", FACT_PUBLICITY, FACT_PUBLICITY.EVENT_DATE,
            TimeGrain.DAY, FACT_PUBLICITY.REGION_CODE, null, FACT_PUBLICITY.DEPARTMENT_CODE, null,
            Map.of("publicity_kind", FACT_PUBLICITY.EVENT_KIND));

    /** Task progress reports (任务进展) one by one; a department's belong to its town. */
    public static final Source TASK_PROGRESS = new Source("fact_task_progress", FACT_TASK_PROGRESS,
            FACT_TASK_PROGRESS.REPORT_DATE, TimeGrain.DAY, FACT_TASK_PROGRESS.REGION_CODE, null,
            FACT_TASK_PROGRESS.DEPARTMENT_CODE, null,
            Map.of("campaign_task", FACT_TASK_PROGRESS.TASK_ID, "check_unit", FACT_TASK_PROGRESS.UNIT_CODE,
                    "unit_kind", FACT_TASK_PROGRESS.UNIT_KIND, "task_status", FACT_TASK_PROGRESS.PROGRESS),
            FACT_TASK_PROGRESS, FACT_TASK_PROGRESS.HOME_CODE);

    /**
     * Campaign tasks measured by progress reports × responsible unit × month, with the latest status at the month's
     * end ({@code sql/marts/task_unit_month.sql}); unreported pairs included.
     */
    public static final Source TASK_UNIT_MONTH = new Source("mart_task_unit_month", MART_TASK_UNIT_MONTH,
            MART_TASK_UNIT_MONTH.MONTH_START, TimeGrain.MONTH, MART_TASK_UNIT_MONTH.REGION_CODE, null,
            MART_TASK_UNIT_MONTH.DEPARTMENT_CODE, null,
            Map.of("campaign_task", MART_TASK_UNIT_MONTH.TASK_ID, "check_unit", MART_TASK_UNIT_MONTH.UNIT_CODE,
                    "unit_kind", MART_TASK_UNIT_MONTH.UNIT_KIND, "task_status", MART_TASK_UNIT_MONTH.PROGRESS,
                    "campaign", MART_TASK_UNIT_MONTH.CAMPAIGN_ID),
            MART_TASK_UNIT_MONTH, MART_TASK_UNIT_MONTH.HOME_CODE);

    /** Above-scale enterprises by quarter with their drills and head's checks ({@code above_scale_quarter.sql}). */
    public static final Source ABOVE_SCALE_QUARTER = new Source("mart_above_scale_quarter", MART_ABOVE_SCALE_QUARTER,
            MART_ABOVE_SCALE_QUARTER.QUARTER_START, TimeGrain.QUARTER, MART_ABOVE_SCALE_QUARTER.REGION_CODE,
            MART_ABOVE_SCALE_QUARTER.SECTOR_CODE, null, null,
            Map.of("enterprise", MART_ABOVE_SCALE_QUARTER.ENTERPRISE_CODE));

    /** Rejected ledger rows with the file that brought them; dated by the import. No region: clerks only. */
    public static final Source REJECT = new Source("etl_reject",
            ETL_REJECT.join(ETL_BATCH).on(ETL_BATCH.BATCH_ID.eq(ETL_REJECT.BATCH_ID)),
            DSL.field("cast({0} as date)", SQLDataType.LOCALDATE, ETL_BATCH.STARTED_AT), TimeGrain.DAY, null, null,
            null, null,
            Map.of("reject_reason", ETL_REJECT.REASON, "source_file", ETL_REJECT.FILE_NAME,
                    "reject_field", ETL_REJECT.FIELD_NAME, "ledger_kind", ETL_BATCH.KIND), ETL_REJECT);

    public Source {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(grain, "grain");
        Objects.requireNonNull(own, "own");
        columns = Map.copyOf(columns);
    }

    /**
     * The fact tables whose rows this source's rows stand for: a fact source itself, a mart its facts. A mart is no
     * evidence of data: the units × months mart has a row for every month up to today, checks or not, so "does the
     * range hold any rows" ({@link MetricQueryService#span}) asks the facts.
     */
    public List<Source> facts() {
        return FACTS_BEHIND_MARTS.getOrDefault(id, List.of(this));
    }

    private static final Map<String, List<Source>> FACTS_BEHIND_MARTS = Map.of(
            HAZARD_MONTH.id(), List.of(HAZARD),
            UNIT_MONTH.id(), List.of(INSPECTION),
            KEY_ENTERPRISE_YEAR.id(), List.of(INSPECTION),
            TASK_UNIT_MONTH.id(), List.of(TASK_PROGRESS),
            ABOVE_SCALE_QUARTER.id(), List.of(DRILL, HEAD_DUTY));

    /**
     * DuckDB's row id of the source's own rows: a detail list picks its page of row ids first and reads the
     * wide columns of those rows only (late materialization; 4x faster for a page of 500 out of 200 k).
     */
    Field<Long> rowId() {
        return DSL.field(DSL.name(own.getName(), "rowid"), SQLDataType.BIGINT);
    }

    /** A coded column by dimension id, or {@code null}. */
    Field<?> column(String dimensionId) {
        return columns.get(dimensionId);
    }

    @Override
    public String toString() {
        return id;
    }
}
