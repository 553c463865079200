package cn.anjian.semantic;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static cn.anjian.semantic.HazardFixture.DONGSHAN;
import static cn.anjian.semantic.HazardFixture.NANLING;
import static cn.anjian.semantic.HazardFixture.XIHE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every metric against an independent SQL statement over a small known warehouse, with the edge cases: a hazard
 * found and closed on the same day, one overdue by exactly one day on the as-of date, one due on the as-of date
 * (not overdue), one rectified after the as-of date (still open then), and a month (March) with no data.
 */
@WithAccount(Role.ADMIN)
@SpringBootTest
@AutoConfigureMockMvc
class SemanticMetricsTest {

    static final LocalDate AS_OF = LocalDate.of(2024, 6, 15);
    static final Filters H1 = new Filters(YearMonth.of(2024, 1), YearMonth.of(2024, 6), List.of(), List.of(),
            Map.of(), AS_OF);
    static final String RANGE = "BETWEEN DATE '2024-01-01' AND DATE '2024-06-30'";

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("metrics-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    @Autowired
    MetricQueryService queries;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void fill(@Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts) {
        HazardFixture.insert(jdbc, YearMonth.of(2020, 1)); // regions; its hazards lie outside 2024 and are deleted
        jdbc.update("DELETE FROM fact_hazard");
        hazard(jdbc, "H1", "2024-05-10", "2024-05-20", "2024-05-10", "2024-05-10", "general", "fire", DONGSHAN, "safety_office", null, "TTTTT");
        hazard(jdbc, "H2", "2024-05-01", "2024-06-14", null, null, "major", "town_gas", DONGSHAN, "safety_office", null, "TTFTF");
        hazard(jdbc, "H3", "2024-05-02", "2024-06-15", null, null, "general", "fire", DONGSHAN, "police", null, "FFFFF");
        hazard(jdbc, "H4", "2024-04-01", "2024-04-10", "2024-04-20", null, "general", "fire", XIHE, "police", 500, "FFFFF");
        hazard(jdbc, "H5", "2024-04-05", "2024-05-01", "2024-06-20", null, "major", "hazchem", XIHE, null, 20000, "TTTTT");
        hazard(jdbc, "H6", "2024-02-10", null, "2024-02-12", null, "general", "road_traffic", NANLING, null, 1000, "FFFFF");
        jdbc.update("""
                INSERT INTO dim_enterprise (enterprise_code, valid_from, valid_to, is_current, enterprise_name, region_code,
                    sector_code, scale, is_high_risk, is_key, is_crowded_place)
                VALUES ('E1', DATE '2000-01-01', DATE '2024-03-31', FALSE, '甲厂', ?, 'hazchem', 'sme', TRUE, FALSE, FALSE),
                       ('E1', DATE '2024-04-01', DATE '9999-12-31', TRUE, '甲厂', ?, 'hazchem', 'above_scale', TRUE, TRUE, FALSE),
                       ('E2', DATE '2000-01-01', DATE '9999-12-31', TRUE, '乙店', ?, 'fire', 'shop', FALSE, TRUE, TRUE)""",
                XIHE, XIHE, DONGSHAN);
        jdbc.update("UPDATE fact_hazard SET enterprise_code = 'E1' WHERE hazard_no IN ('H4', 'H5')");
        inspection(jdbc, "I1", "2024-01-05", DONGSHAN, null, null, "monthly", true, false);
        inspection(jdbc, "I2", "2024-02-05", DONGSHAN, null, null, "monthly", false, false);
        inspection(jdbc, "I3", "2024-02-06", XIHE, "E1", "safety_office", "monthly", true, false);
        inspection(jdbc, "I4", "2024-04-06", XIHE, "E1", "market_regulation", "double_random", false, true);
        inspection(jdbc, "I5", "2024-05-01", NANLING, null, "police", "key_date", true, false);
        inspection(jdbc, "I6", "2024-06-01", DONGSHAN, "E2", null, "self_check", false, false);
        enforcement(jdbc, "C1", "2024-02-01", "reminder", 1, null, null);
        enforcement(jdbc, "C2", "2024-03-01", "warning", 2, 1000, 800);
        enforcement(jdbc, "C3", "2024-04-01", "warning", 2, 2000, 2000);
        enforcement(jdbc, "C4", "2024-05-01", "penalty", 3, 5000, 3000);
        enforcement(jdbc, "C5", "2024-05-02", "blacklist", null, null, null);
        jdbc.update("""
                INSERT INTO fact_accident (accident_no, accident_date, region_code, sector_code, accident_level, deaths,
                    injuries, is_concealed, batch_id) VALUES ('A1', DATE '2024-05-03', ?, 'fire', 'general', 1, 2, FALSE, 1)""",
                XIHE);
        marts.refresh();
    }

    @Test
    void hazardMetricsEqualIndependentCounts() {
        assertTotal("hazards_found", "SELECT count(*) FROM fact_hazard WHERE found_date " + RANGE, 6);
        assertTotal("hazards_rectified", "SELECT count(*) FROM fact_hazard WHERE found_date " + RANGE
                + " AND coalesce(rectified_date, closed_date) <= DATE '2024-06-15'", 3);
        assertTotal("hazards_closed", "SELECT count(*) FROM fact_hazard WHERE found_date " + RANGE
                + " AND closed_date <= DATE '2024-06-15'", 1);
        // H5 was rectified after the as-of date: still open on it; H3 is due on the as-of date: not overdue
        assertTotal("hazards_open", "SELECT count(*) FROM fact_hazard WHERE found_date " + RANGE
                + " AND (rectified_date IS NULL OR rectified_date > DATE '2024-06-15')", 3);
        assertTotal("hazards_overdue", "SELECT count(*) FROM fact_hazard WHERE found_date " + RANGE
                + " AND (rectified_date IS NULL OR rectified_date > DATE '2024-06-15') AND deadline_date < DATE '2024-06-15'", 2);
        assertTotal("major_found", "SELECT count(*) FROM fact_hazard WHERE hazard_level = 'major'", 2);
        assertTotal("major_open", "SELECT count(*) FROM fact_hazard WHERE hazard_level = 'major'"
                + " AND (rectified_date IS NULL OR rectified_date > DATE '2024-06-15')", 2);
        assertTotal("major_overdue", "SELECT count(*) FROM fact_hazard WHERE hazard_no IN ('H2', 'H5')", 2);
        assertRatio("rectification_rate", 3.0 / 6);
        assertRatio("on_time_rectification_rate", 2.0 / 3); // H1 on time, H6 no deadline, H4 late
        assertRatio("mean_days_to_rectify", (0 + 19 + 2) / 3.0);
        assertRatio("p90_days_to_rectify", jdbc.queryForObject("""
                SELECT quantile_cont(date_diff('day', found_date, coalesce(rectified_date, closed_date)), 0.9)
                FROM fact_hazard WHERE coalesce(rectified_date, closed_date) <= DATE '2024-06-15'""", Double.class));
        assertRatio("five_implementation_completeness", (3 + 5) / 10.0);
        assertThat(((Number) total("rectification_funds")).doubleValue()).isEqualTo(21500.0);
    }

    @Test
    void overdueByExactlyOneDayIsListedWithItsDays() {
        QueryResult overdue = queries.detail("overdue_hazards", H1, null);
        int no = overdue.indexOf("hazard_no");
        int days = overdue.indexOf("days_overdue");
        assertThat(overdue.rows()).extracting(r -> r.get(no)).containsExactly("H5", "H2");
        assertThat(overdue.rows().get(1).get(days)).isEqualTo(1);
        assertThat(queries.run(new MetricQuery(List.of("hazards_overdue"), List.of(), H1.withAsOf(LocalDate.of(2024, 6, 14)),
                null, null)).rows().get(0).get(0)).as("on the deadline itself H2 is not overdue").isEqualTo(1L);
    }

    @Test
    void aMonthWithNoDataHasNoRowAndAZeroTotal() {
        QueryResult byMonth = queries.run(new MetricQuery(List.of("hazards_found", "inspections"), List.of("month"), H1,
                null, null));
        assertThat(byMonth.rows()).extracting(r -> r.get(0)).doesNotContain("2024-03")
                .contains("2024-01", "2024-02", "2024-04", "2024-05", "2024-06");
        Filters march = H1.withRange(YearMonth.of(2024, 3), YearMonth.of(2024, 3));
        assertThat(queries.run(new MetricQuery(List.of("hazards_found", "rectification_rate"), List.of(), march, null, null))
                .rows()).containsExactly(java.util.Arrays.asList(0L, null));
    }

    @Test
    void inspectionEnforcementAndAccidentMetricsEqualIndependentCounts() {
        assertTotal("inspections", "SELECT count(*) FROM fact_inspection", 6);
        assertTotal("inspections_led_by_leader", "SELECT count(*) FROM fact_inspection WHERE led_by_leader", 3);
        assertRatio("double_random_share", 1 / 6.0);
        assertTotal("enforcement_actions", "SELECT count(*) FROM fact_enforcement", 5);
        assertTotal("enforcement_stage_1", "SELECT count(*) FROM fact_enforcement WHERE ladder_stage = 1", 1);
        assertTotal("enforcement_stage_2", "SELECT count(*) FROM fact_enforcement WHERE ladder_stage = 2", 2);
        assertTotal("enforcement_stage_3", "SELECT count(*) FROM fact_enforcement WHERE ladder_stage = 3", 1);
        assertRatio("escalation_rate", 0.5);
        assertThat(((Number) total("fines_proposed")).doubleValue()).isEqualTo(8000.0);
        assertThat(((Number) total("fines_final")).doubleValue()).isEqualTo(5800.0);
        assertTotal("blacklist_entries", "SELECT count(*) FROM fact_enforcement WHERE action_code = 'blacklist'", 1);
        assertTotal("accidents", "SELECT count(*) FROM fact_accident", 1);
        assertTotal("deaths", "SELECT sum(deaths) FROM fact_accident", 1);
        assertTotal("injuries", "SELECT sum(injuries) FROM fact_accident", 2);
    }

    @Test
    void keyEnterpriseCoverageAndMonthlyChecks() {
        // 2024: E1 (key from April) inspected by departments; E2 only checked itself
        assertRatio("key_enterprise_coverage", 0.5);
        Filters january = H1.withRange(YearMonth.of(2024, 1), YearMonth.of(2024, 1));
        QueryResult jan = queries.run(new MetricQuery(List.of("monthly_check_units", "monthly_check_compliance",
                "ledgers_missing"), List.of(), january, null, null));
        long units = jdbc.queryForObject("SELECT count(*) FROM dim_region WHERE region_level = 'village'", Long.class)
                + jdbc.queryForObject("SELECT count(*) FROM dim_department", Long.class);
        assertThat(jan.rows().get(0).get(0)).isEqualTo(1L);
        assertThat((Double) jan.rows().get(0).get(1)).isCloseTo(1.0 / units, within(1e-9));
        assertThat(jan.rows().get(0).get(2)).isEqualTo(3L); // four villages, only 东山村 has rows in January
    }

    @Test
    void aMonthsLedgerCountsAsMissingOnlyAfterItsDueDayInTheNextMonth() {
        Filters january = H1.withRange(YearMonth.of(2024, 1), YearMonth.of(2024, 1));
        for (Object[] day : new Object[][] {{LocalDate.of(2024, 1, 31), 0L}, {LocalDate.of(2024, 2, 4), 0L},
                {LocalDate.of(2024, 2, 5), 0L}, {LocalDate.of(2024, 2, 6), 3L}, {LocalDate.of(2024, 6, 15), 3L}}) {
            QueryResult missing = queries.run(new MetricQuery(List.of("ledgers_missing"), List.of(),
                    january.withAsOf((LocalDate) day[0]), null, null));
            assertThat(missing.rows().get(0).get(0)).as("missing on " + day[0]).isEqualTo(day[1]);
            assertThat(queries.detail("ledgers_missing", january.withAsOf((LocalDate) day[0]), 100).rows())
                    .as("listed on " + day[0]).hasSize(((Long) day[1]).intValue());
        }
    }

    @Test
    void everyFilterChangesResultsExactlyAsADirectQuery() {
        assertFiltered("hazards_found", "sector", "fire", "SELECT count(*) FROM fact_hazard WHERE sector_code = 'fire'");
        assertFiltered("hazards_found", "village", XIHE, "SELECT count(*) FROM fact_hazard WHERE region_code = '" + XIHE + "'");
        assertFiltered("hazards_found", "town", HazardFixture.TOWN, "SELECT count(*) FROM fact_hazard");
        assertFiltered("hazards_found", "department", "police", "SELECT count(*) FROM fact_hazard WHERE department_code = 'police'");
        assertFiltered("hazards_found", "hazard_level", "major", "SELECT count(*) FROM fact_hazard WHERE hazard_level = 'major'");
        assertFiltered("hazards_open", "hazard_status", "open", "SELECT count(*) FROM fact_hazard WHERE status = 'open'"
                + " AND (rectified_date IS NULL OR rectified_date > DATE '2024-06-15')");
        assertFiltered("hazards_found", "enterprise_scale", "above_scale", "SELECT count(*) FROM fact_hazard WHERE enterprise_code = 'E1'"
                + " AND found_date >= DATE '2024-04-01'");
        assertFiltered("inspections", "inspection_type", "monthly", "SELECT count(*) FROM fact_inspection WHERE inspection_type = 'monthly'");
        assertFiltered("enforcement_actions", "enforcement_action", "warning", "SELECT count(*) FROM fact_enforcement WHERE action_code = 'warning'");
        assertFiltered("hazards_found", "enterprise", "E1", "SELECT count(*) FROM fact_hazard WHERE enterprise_code = 'E1'");
    }

    @Test
    void theQueryApiAnswersAndNamesBadParameters() throws Exception {
        mvc.perform(get("/api/query").param("metrics", "hazards_found,inspections").param("dims", "village")
                        .param("from", "2024-01").param("to", "2024-06").param("asOf", "2024-06-15")
                        .param("sort", "-hazards_found"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.columns[*].id", contains("village", "hazards_found", "inspections")))
                .andExpect(jsonPath("$.rows[0][0]").value(DONGSHAN));
        mvc.perform(get("/api/catalog")).andExpect(status().isOk())
                .andExpect(jsonPath("$.metrics[?(@.id == 'hazards_overdue')].dimensions[*]",
                        org.hamcrest.Matchers.hasItem("enterprise_scale")));
        bad(get("/api/query").param("metrics", "hazards_lost"), "metrics");
        bad(get("/api/query").param("metrics", "hazards_found").param("dims", "weekday"), "dims");
        bad(get("/api/query").param("metrics", "key_enterprise_coverage").param("dims", "day"), "dims");
        bad(get("/api/query").param("metrics", "hazards_found").param("colour", "red"), "colour");
        bad(get("/api/query").param("metrics", "hazards_found").param("asOf", "2024-02-30"), "asOf");
        bad(get("/api/query").param("metrics", "hazards_found").param("limit", "0"), "limit");
        bad(get("/api/query").param("metrics", "hazards_found").param("sort", "-inspections"), "sort");
        bad(get("/api/query").param("metrics", "hazards_found").param("sector", "fire' OR 1=1 --"), "sector");
        bad(get("/api/query").param("metrics", "hazards_found").param("enterprise", "E1'; DROP TABLE fact_hazard; --"),
                "enterprise");
        bad(get("/api/query").param("metrics", "hazards_found; DROP TABLE fact_hazard"), "metrics");
        // free-text filters are bound values: the quote is data, not SQL
        mvc.perform(get("/api/query").param("metrics", "rejected_rows").param("reject_reason", "x' OR '1'='1"))
                .andExpect(status().isOk()).andExpect(jsonPath("$.rows[0][0]").value(0));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class)).isEqualTo(6L);
    }

    private void bad(org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder request, String parameter)
            throws Exception {
        mvc.perform(request).andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value(parameter));
    }

    private void assertFiltered(String metric, String filter, String code, String sql) {
        Filters filters = new Filters(H1.from(), H1.to(), List.of(), List.of(), Map.of(filter, List.of(code)), AS_OF);
        if (filter.equals("sector")) {
            filters = new Filters(H1.from(), H1.to(), List.of(code), List.of(), Map.of(), AS_OF);
        } else if (filter.equals("village")) {
            filters = new Filters(H1.from(), H1.to(), List.of(), List.of(code), Map.of(), AS_OF);
        }
        Object value = queries.run(new MetricQuery(List.of(metric), List.of(), filters, null, null)).rows().get(0).get(0);
        assertThat(value).as(metric + " under " + filter + "=" + code).isEqualTo(jdbc.queryForObject(sql, Long.class));
        if (!filter.equals("town")) { // the fixture has one town: the town filter keeps everything
            assertThat(value).as("the filter changes the result").isNotEqualTo(total(metric));
        }
    }

    private Object total(String metric) {
        return queries.run(new MetricQuery(List.of(metric), List.of(), H1, null, null)).rows().get(0).get(0);
    }

    private void assertTotal(String metric, String sql, long expected) {
        assertThat(jdbc.queryForObject(sql, Long.class)).as("independent " + metric).isEqualTo(expected);
        assertThat(total(metric)).as(metric).isEqualTo(expected);
    }

    private void assertRatio(String metric, double expected) {
        assertThat(((Number) total(metric)).doubleValue()).as(metric).isCloseTo(expected, within(1e-9));
    }

    private static void hazard(JdbcTemplate jdbc, String no, String found, String deadline, String rectified,
                               String closed, String level, String sector, String region, String department,
                               Integer funds, String flags) {
        String status = closed != null ? "closed" : rectified != null ? "rectified" : "open";
        jdbc.update("""
                INSERT INTO fact_hazard (hazard_no, found_date, deadline_date, rectified_date, closed_date, hazard_level,
                    sector_code, region_code, department_code, description, status, funds_yuan, wl_responsibility,
                    wl_measures, wl_funds, wl_time_limit, wl_contingency, is_published, batch_id)
                VALUES (?, CAST(? AS DATE), CAST(? AS DATE), CAST(? AS DATE), CAST(? AS DATE), ?, ?, ?, ?, '测试', ?, ?,
                    ?, ?, ?, ?, ?, FALSE, 1)""",
                no, found, deadline, rectified, closed, level, sector, region, department, status, funds,
                flags.charAt(0) == 'T', flags.charAt(1) == 'T', flags.charAt(2) == 'T', flags.charAt(3) == 'T',
                flags.charAt(4) == 'T');
    }

    private static void inspection(JdbcTemplate jdbc, String no, String date, String region, String enterprise,
                                   String department, String type, boolean led, boolean doubleRandom) {
        jdbc.update("""
                INSERT INTO fact_inspection (inspection_no, inspection_date, region_code, enterprise_code, sector_code,
                    department_code, inspection_type, led_by_leader, is_double_random, hazards_found, batch_id)
                VALUES (?, CAST(? AS DATE), ?, ?, 'fire', ?, ?, ?, ?, 0, 1)""",
                no, date, region, enterprise, department, type, led, doubleRandom);
    }

    private static void enforcement(JdbcTemplate jdbc, String no, String date, String action, Integer stage,
                                    Integer proposed, Integer fine) {
        jdbc.update("""
                INSERT INTO fact_enforcement (case_no, action_date, enterprise_code, target_name, region_code, sector_code,
                    action_code, ladder_stage, fine_proposed_yuan, fine_final_yuan, batch_id)
                VALUES (?, CAST(? AS DATE), 'E1', '甲厂', ?, 'hazchem', ?, ?, ?, ?, 1)""",
                no, date, XIHE, action, stage, proposed, fine);
    }
}
