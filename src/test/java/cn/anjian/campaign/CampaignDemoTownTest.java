package cn.anjian.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import cn.anjian.assessment.Assessment;
import cn.anjian.assessment.AssessmentService;
import cn.anjian.assessment.Scheme.UnitKind;
import cn.anjian.demo.DemoTownWarehouse;
import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;
import cn.anjian.semantic.Filters;
import cn.anjian.semantic.MetricQuery;
import cn.anjian.semantic.MetricQueryService;
import cn.anjian.semantic.QueryResult;

/**
 * The campaign's measures on the demo town (imported through the real jobs): each number equals a direct count on
 * the fact tables for the same filters; a progress-measured task shows the latest report's status, and a unit that
 * never reported shows nothing (never 已完成); the new assessment items score every unit and add up.
 */
@WithAccount(Role.ADMIN)
class CampaignDemoTownTest extends DemoTownWarehouse {

    static final Filters YEAR_2023 = new Filters(YearMonth.of(2023, 1), YearMonth.of(2023, 12), List.of(), List.of(),
            Map.of(), java.time.LocalDate.of(2023, 12, 31));

    @Autowired
    MetricQueryService queries;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AssessmentService assessment;

    @Autowired
    Campaigns campaigns;

    private Object total(String metric, Filters filters) {
        QueryResult r = queries.run(new MetricQuery(List.of(metric), List.of(), filters, List.of(), null));
        return r.rows().get(0).get(0);
    }

    private long sql(String query) {
        return jdbc.queryForObject(query, Long.class);
    }

    @Test
    void everyRecordKindWasImportedFromTheDemoLedgers() {
        for (String table : List.of("fact_drill", "fact_training", "fact_tipoff", "fact_head_duty", "fact_door_knock",
                "fact_publicity", "fact_task_progress")) {
            assertThat(sql("SELECT count(*) FROM " + table)).as(table).isPositive();
        }
    }

    @Test
    void theCountsEqualDirectCountsOnTheFacts() {
        assertThat(total("drills", YEAR_2023)).isEqualTo(sql(
                "SELECT count(*) FROM fact_drill WHERE year(drill_date) = 2023"));
        assertThat(total("tipoffs_received", YEAR_2023)).isEqualTo(sql(
                "SELECT count(*) FROM fact_tipoff WHERE year(received_date) = 2023"));
        assertThat(total("tipoffs_substantiated", YEAR_2023)).isEqualTo(sql(
                "SELECT count(*) FROM fact_tipoff WHERE year(received_date) = 2023 AND substantiated"));
        assertThat(total("tipoffs_closed_on_time", YEAR_2023)).isEqualTo(sql("SELECT count(*) FROM fact_tipoff"
                + " WHERE year(received_date) = 2023 AND closed_date <= DATE '2023-12-31' AND closed_date <= deadline_date"));
        assertThat(total("door_knock_households", YEAR_2023)).isEqualTo(sql("SELECT count(DISTINCT region_code || '|'"
                + " || household) FROM fact_door_knock WHERE year(visit_date) = 2023"));
        assertThat(total("publicity_events", YEAR_2023)).isEqualTo(sql(
                "SELECT count(*) FROM fact_publicity WHERE year(event_date) = 2023"));
        assertThat(total("trainings", YEAR_2023.and(Map.of("training_role", List.of("principal"),
                "training_type", List.of("warning_education"))))).isEqualTo(sql("SELECT count(*) FROM fact_training"
                + " WHERE year(training_date) = 2023 AND person_role = 'principal' AND training_type = 'warning_education'"));
    }

    @Test
    void theCoverageRatesEqualDirectCounts() {
        long halves = sql("""
                SELECT count(*) FROM (SELECT e.enterprise_code, h FROM (SELECT DISTINCT enterprise_code FROM dim_enterprise
                    WHERE scale = 'above_scale' AND valid_from <= DATE '2023-06-30' AND valid_to >= DATE '2023-01-01') e,
                    (VALUES (1)) t(h))""");
        assertThat(halves).isPositive();
        double coverage = ((Number) total("drill_coverage", new Filters(YearMonth.of(2023, 1), YearMonth.of(2023, 6),
                List.of(), List.of(), Map.of(), null))).doubleValue();
        long drilled = sql("""
                SELECT count(DISTINCT e.enterprise_code) FROM dim_enterprise e JOIN fact_drill d
                  ON d.enterprise_code = e.enterprise_code AND d.drill_date BETWEEN DATE '2023-01-01' AND DATE '2023-06-30'
                WHERE e.scale = 'above_scale' AND e.valid_from <= DATE '2023-06-30' AND e.valid_to >= DATE '2023-01-01'""");
        assertThat(coverage).isCloseTo(drilled / (double) halves, org.assertj.core.data.Offset.offset(0.0005));

        long accidents = sql("SELECT count(*) FROM fact_accident WHERE enterprise_code IS NOT NULL");
        long trained = sql("""
                SELECT count(*) FROM fact_accident a WHERE a.enterprise_code IS NOT NULL AND EXISTS (
                  SELECT 1 FROM fact_training t WHERE t.enterprise_code = a.enterprise_code AND t.person_role = 'principal'
                   AND t.training_type = 'warning_education' AND t.training_date >= a.accident_date
                   AND t.training_date <= DATE '2026-06-15')""");
        Filters all = new Filters(YearMonth.of(2015, 1), YearMonth.of(2026, 6), List.of(), List.of(), Map.of(), null);
        if (accidents > 0) {
            assertThat(((Number) total("accident_head_training_rate", all)).doubleValue())
                    .isCloseTo(trained / (double) accidents, org.assertj.core.data.Offset.offset(0.0005));
        }
    }

    @Test
    void aProgressTaskShowsTheLatestReportAndAMissingReportShowsNothing() {
        Campaign c = campaigns.find("2023-三个狠抓").orElseThrow();
        QueryResult r = queries.run(new MetricQuery(List.of("task_progress_latest"), List.of("campaign_task", "check_unit"),
                YEAR_2023.and(Map.of("campaign", List.of(c.id()))), List.of(), null));
        assertThat(r.rows()).isNotEmpty();
        int checked = 0;
        int missing = 0;
        for (List<Object> row : r.rows()) {
            String task = (String) row.get(0);
            String unit = (String) row.get(1);
            long rank = ((Number) row.get(2)).longValue();
            List<String> latest = jdbc.queryForList("SELECT progress FROM fact_task_progress WHERE task_id = ? AND"
                    + " unit_code = ? AND report_date <= DATE '2023-12-31' ORDER BY report_date DESC LIMIT 1",
                    String.class, task, unit);
            long expected = latest.isEmpty() ? 0 : switch (latest.get(0)) {
                case "not_started" -> 1;
                case "in_progress" -> 2;
                default -> 3;
            };
            assertThat(rank).as(task + " " + unit).isEqualTo(expected);
            checked++;
            missing += latest.isEmpty() ? 1 : 0;
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(missing).as("units that never reported on a task").isPositive();
        long pairs = sql("SELECT count(DISTINCT task_id || '|' || unit_code) FROM mart_task_unit_month"
                + " WHERE month_start BETWEEN DATE '2023-01-01' AND DATE '2023-12-01'");
        long done = sql("SELECT count(DISTINCT task_id || '|' || unit_code) FROM mart_task_unit_month"
                + " WHERE month_start BETWEEN DATE '2023-01-01' AND DATE '2023-12-01' AND progress = 'done'");
        assertThat(((Number) total("task_completion_rate", YEAR_2023)).doubleValue())
                .isCloseTo(done / (double) pairs, org.assertj.core.data.Offset.offset(0.0005));
    }

    @Test
    void theNewAssessmentItemsScoreTheDemoTownAndAddUp() {
        var scheme = assessment.scheme(2023).orElseThrow();
        for (UnitKind kind : List.of(UnitKind.VILLAGE, UnitKind.DEPARTMENT)) {
            Assessment a = assessment.score(scheme, kind, assessment.defaultAsOf(2023));
            List<String> ids = kind == UnitKind.VILLAGE
                    ? List.of("drills", "head_checks", "accident_head_training", "tipoffs_handled", "door_knock")
                    : List.of("tipoffs_handled", "task_completion");
            assertThat(a.units()).isNotEmpty().allSatisfy(u -> {
                BigDecimal sum = u.items().stream().map(Assessment.ItemScore::points).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(u.total()).isEqualByComparingTo(sum);
                assertThat(u.items()).extracting(Assessment.ItemScore::id).containsAll(ids);
            });
            assertThat(a.units().stream().flatMap(u -> u.items().stream()).filter(i -> ids.contains(i.id()))
                    .map(Assessment.ItemScore::value)).anySatisfy(v -> assertThat(v).isNotNull());
        }
    }
}
