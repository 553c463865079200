package cn.anjian.assessment;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.assessment.Assessment.ItemScore;
import cn.anjian.assessment.Assessment.UnitScore;
import cn.anjian.assessment.Scheme.UnitKind;
import cn.anjian.semantic.Filters;
import cn.anjian.semantic.MetricQuery;
import cn.anjian.semantic.MetricQueryService;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Scores computed by hand. The test scheme ({@code src/test/resources/assessment-test/2024.yaml}) has, for villages:
 * <pre>
 *   monthly_checks          40  per_count_below  target 12 months, 5 points per missing month
 *   rectification_rate      30  per_point_below  target 100 %, 1 point per percentage point (part = whole)
 *   overdue_hazards         10  per_count_above  target 0, 4 points per overdue hazard
 *   key_enterprise_coverage 20  threshold        100 % or nothing (no key enterprise: not applicable, full)
 *   bonus double_random      2  +1.5 per double-random inspection, at most 2
 *   veto concealed_accident     any concealed accident → 不合格
 * </pre>
 * Six villages, year 2024, as of 2024-12-31; each village's arithmetic is written next to its data.
 */
@WithAccount(Role.ADMIN)
@SpringBootTest
@AutoConfigureMockMvc
class AssessmentScoringTest {

    static final String TOWN = "999001001";
    static final String V1 = "999001001201", V2 = "999001001202", V3 = "999001001203", V4 = "999001001204",
            V5 = "999001001205", V6 = "999001001206";
    static final LocalDate AS_OF = LocalDate.of(2024, 12, 31);

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("assessment-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.assessment.location", () -> "classpath*:assessment-test/*.yaml");
    }

    @Autowired
    AssessmentService service;

    @Autowired
    MockMvc mvc;

    @Autowired
    MetricQueryService queries;

    @Autowired
    JdbcTemplate jdbc;

    static int sequence;

    @BeforeAll
    static void fill(@Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts) {
        jdbc.update("DELETE FROM dim_region");
        region(jdbc, "999001", "测试县", "county", null);
        region(jdbc, TOWN, "测试镇", "town", "999001");
        String[][] villages = {{V1, "一村"}, {V2, "二村"}, {V3, "三村"}, {V4, "四村"}, {V5, "五村"}, {V6, "六村"}};
        for (String[] v : villages) {
            region(jdbc, v[0], v[1], "village", TOWN);
        }
        // V1 一村: 12 monthly checks → 40; 3 hazards all rectified → 100 % → 30; 0 overdue → 10;
        //   key enterprise E1 inspected → 100 % → 20; total 100. Bonus: 2 double-random × 1.5 = 3, capped at 2.
        //   Score 102 → 优秀, rank 1.
        monthlyChecks(jdbc, V1, 12, null);
        hazard(jdbc, V1, "2024-03-01", "2024-03-31", "2024-03-10");
        hazard(jdbc, V1, "2024-04-01", "2024-04-30", "2024-04-10");
        enterprise(jdbc, "E1", V1);
        // a major hazard closed (so rectified: the rate stays 100 %) but never published: major_unpublished = 1
        jdbc.update("""
                INSERT INTO fact_hazard (hazard_no, found_date, deadline_date, rectified_date, closed_date, hazard_level,
                    sector_code, region_code, description, status, wl_responsibility, wl_measures, wl_funds,
                    wl_time_limit, wl_contingency, is_published, batch_id)
                VALUES ('HM1', DATE '2024-02-01', DATE '2024-02-28', DATE '2024-02-10', DATE '2024-02-20', 'major',
                    'fire', ?, '重大隐患', 'closed', TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, 1)""", V1);
        inspection(jdbc, V1, "2024-05-05", "double_random", "E1");
        inspection(jdbc, V1, "2024-06-05", "double_random", null);
        // V2 二村: 9 months → 40 − 3 × 5 = 25; no hazards → rate not applicable → 30; 0 overdue → 10;
        //   no key enterprise → 20. Total 85 → 良好. V6 六村 is the same: 85, they share rank 2.
        monthlyChecks(jdbc, V2, 9, null);
        monthlyChecks(jdbc, V6, 9, null);
        // V3 三村: 12 months → 40; 7 hazards, 5 rectified → 71.43 %, 28.57 points short, counted as 29 × 1 → 30 − 29
        //   = 1; the 2 open ones are overdue → 10 − 2 × 4 = 2; no key enterprise → 20. Total 63 → 合格, rank 4.
        monthlyChecks(jdbc, V3, 12, null);
        for (int i = 1; i <= 7; i++) {
            hazard(jdbc, V3, "2024-0" + i + "-02", "2024-0" + i + "-28", i <= 5 ? "2024-0" + i + "-20" : null);
        }
        // V4 四村: 6 months → 40 − 6 × 5 = 10; 3 hazards, none rectified → 0 %: 100 × 1 = 100 > 30, floor → 0;
        //   3 overdue × 4 = 12 > 10, floor → 0; key enterprise E4 not inspected → 0 % < 100 → 0. Total 10 → 不合格.
        monthlyChecks(jdbc, V4, 6, null);
        for (int i = 1; i <= 3; i++) {
            hazard(jdbc, V4, "2024-0" + i + "-05", "2024-0" + i + "-25", null);
        }
        enterprise(jdbc, "E4", V4);
        // V5 五村: like a full-marks village (12 months, nothing else) → 100, but a concealed accident → veto:
        //   grade 不合格 and ranked after every village without a veto (rank 6).
        monthlyChecks(jdbc, V5, 12, null);
        jdbc.update("""
                INSERT INTO fact_accident (accident_no, accident_date, region_code, sector_code, accident_level, deaths,
                    injuries, is_concealed, batch_id) VALUES ('A1', DATE '2024-08-08', ?, 'fire', 'general', 0, 1, TRUE, 1)""",
                V5);
        marts.refresh();
    }

    private ResultActions request(String url) throws Exception {
        return mvc.perform(get(url));
    }

    private Map<String, UnitScore> scores() {
        Assessment a = service.score(service.scheme(2024).orElseThrow(), UnitKind.VILLAGE, AS_OF);
        return a.units().stream().collect(Collectors.toMap(UnitScore::code, u -> u));
    }

    private static ItemScore item(UnitScore u, String id) {
        return u.items().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void fullMarksAndACappedBonus() {
        UnitScore v1 = scores().get(V1);
        assertThat(v1.items()).allSatisfy(i -> assertThat(i.deduction()).isEqualByComparingTo("0"));
        assertThat(v1.total()).isEqualByComparingTo("100");
        assertThat(v1.bonus()).isEqualByComparingTo("2");                  // 2 × 1.5 = 3, capped at 2
        assertThat(v1.bonusItems().get(0).arithmetic()).isEqualTo(
                "基数 0 次，实际 2 次，超出 2 次 × 1.5 分 = 加 3 分，加分上限 2 分");
        assertThat(v1.score()).isEqualByComparingTo("102");
        assertThat(v1.grade()).isEqualTo("优秀");
        assertThat(v1.rank()).isEqualTo(1);
        assertThat(item(v1, "key_enterprise_coverage").arithmetic()).isEqualTo("目标 ≥ 100%，实际 100%，达标，不扣分");
    }

    @Test
    void eachMissingMonthDeducts() {
        UnitScore v2 = scores().get(V2);
        ItemScore monthly = item(v2, "monthly_checks");
        assertThat(monthly.points()).isEqualByComparingTo("25");            // 40 − 3 × 5
        assertThat(monthly.arithmetic()).isEqualTo("目标 12 个月，实际 9 个月，缺 3 个月 × 5 分 = 扣 15 分");
        assertThat(item(v2, "rectification_rate").points()).isEqualByComparingTo("30"); // no hazards: not applicable
        assertThat(item(v2, "rectification_rate").arithmetic()).contains("视为达标");
        assertThat(v2.total()).isEqualByComparingTo("85");
        assertThat(v2.grade()).isEqualTo("良好");
    }

    @Test
    void percentagePointsAndCountsDeduct() {
        UnitScore v3 = scores().get(V3);
        ItemScore rate = item(v3, "rectification_rate");
        assertThat(rate.points()).isEqualByComparingTo("1");                // 5 / 7 = 71.43 %; 29 points × 1 → 30 − 29
        assertThat(rate.arithmetic()).isEqualTo(
                "目标 100%，实际 71.4%，低 28.6 个百分点（不足 1 个百分点按 1 个计），29 × 1 分 = 扣 29 分");
        ItemScore overdue = item(v3, "overdue_hazards");
        assertThat(overdue.points()).isEqualByComparingTo("2");             // 10 − 2 × 4
        assertThat(overdue.arithmetic()).isEqualTo("允许 0 件，实际 2 件，超 2 件 × 4 分 = 扣 8 分");
        assertThat(overdue.link()).isEqualTo(
                "/dashboards/closed-loop?village=" + V3 + "&from=2024-01&to=2024-12&asOf=2024-12-31");
        assertThat(overdue.data()).startsWith("/data/dashboards/closed-loop/panels/overdue?village=" + V3);
        assertThat(v3.total()).isEqualByComparingTo("63");                  // 40 + 1 + 2 + 20
        assertThat(v3.grade()).isEqualTo("合格");
        assertThat(v3.rank()).isEqualTo(4);
    }

    @Test
    void anItemIsNeverBelowZeroAndAMissedThresholdGivesNothing() {
        UnitScore v4 = scores().get(V4);
        assertThat(item(v4, "monthly_checks").points()).isEqualByComparingTo("10");          // 40 − 6 × 5
        assertThat(item(v4, "rectification_rate").points()).isEqualByComparingTo("0");       // 100 > 30: floor
        assertThat(item(v4, "rectification_rate").deduction()).isEqualByComparingTo("30");
        assertThat(item(v4, "rectification_rate").arithmetic()).endsWith("扣 100 分，本项扣至 0 分为止");
        assertThat(item(v4, "overdue_hazards").points()).isEqualByComparingTo("0");          // 3 × 4 = 12 > 10
        assertThat(item(v4, "key_enterprise_coverage").points()).isEqualByComparingTo("0");  // 0 % < 100 %
        assertThat(item(v4, "key_enterprise_coverage").arithmetic()).isEqualTo("目标 ≥ 100%，实际 0%，未达标，扣 20 分");
        assertThat(v4.total()).isEqualByComparingTo("10");
        assertThat(v4.grade()).isEqualTo("不合格");
        assertThat(v4.rank()).isEqualTo(5);
    }

    @Test
    void aVetoFailsTheUnitWhateverItsPoints() {
        UnitScore v5 = scores().get(V5);
        assertThat(v5.total()).isEqualByComparingTo("100");
        assertThat(v5.vetoed()).isTrue();
        assertThat(v5.vetoes()).extracting(Assessment.VetoHit::title).containsExactly("瞒报生产安全事故");
        assertThat(v5.grade()).isEqualTo("不合格");
        assertThat(v5.rank()).isEqualTo(6);
    }

    @Test
    void equalScoresShareARankAndTheNextRankSkips() {
        Assessment a = service.score(service.scheme(2024).orElseThrow(), UnitKind.VILLAGE, AS_OF);
        // 一村 102 (1), 二村 85 and 六村 85 (2, 2), 三村 63 (4), 四村 10 (5), 五村 vetoed (6)
        assertThat(a.units()).extracting(UnitScore::name).containsExactly("一村", "二村", "六村", "三村", "四村", "五村");
        assertThat(a.units()).extracting(UnitScore::rank).containsExactly(1, 2, 2, 4, 5, 6);
        assertThat(a.grades()).extracting(Assessment.GradeCount::units).containsExactly(1L, 2L, 1L, 2L);
        // town average of monthly_checks: (40 + 25 + 25 + 40 + 10 + 40) / 6 = 30
        assertThat(a.average().get(0)).isEqualByComparingTo("30");
    }

    @Test
    void theApiReturnsTheSameScoresWithEvidence() throws Exception {
        request("/api/assessment/2024?unit=village&asOf=2024-12-31")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.units[0].name").value("一村"))
                .andExpect(jsonPath("$.units[0].score").value(102))
                .andExpect(jsonPath("$.units[3].items[1].arithmetic").value(
                        "目标 100%，实际 71.4%，低 28.6 个百分点（不足 1 个百分点按 1 个计），29 × 1 分 = 扣 29 分"))
                .andExpect(jsonPath("$.units[5].grade").value("不合格"))
                .andExpect(jsonPath("$.units[5].vetoed").value(true));
        request("/api/assessment/2024?asOf=31.12.2024").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("asOf"));
    }

    @Test
    void thePagesShowGradesVetoesAndEvidence() throws Exception {
        request("/assessment/2024?unit=village&asOf=2024-12-31")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("grade grade-优秀")))
                .andExpect(content().string(containsString("瞒报生产安全事故")));
        request("/assessment/2024/village/" + V5 + "?asOf=2024-12-31")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("一票否决")))
                .andExpect(content().string(containsString("排名 第 6 名 / 6")));
        request("/assessment/2024/village/" + V3 + "?asOf=2024-12-31")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("允许 0 件，实际 2 件，超 2 件 × 4 分 = 扣 8 分")));
    }

    @Test
    void theExportListsEveryUnitAndEveryDeduction() throws Exception {
        byte[] body = request("/api/assessment/2024/export.xlsx?unit=village&asOf=2024-12-31")
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", containsString("spreadsheetml")))
                .andReturn().getResponse().getContentAsByteArray();
        try (var workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook(new java.io.ByteArrayInputStream(body))) {
            var scores = workbook.getSheet(AssessmentWorkbook.SCORES);
            // rows 0–3 are title, note and the two header rows; then the six villages in rank order, then the average
            assertThat(scores.getRow(4).getCell(1).getStringCellValue()).isEqualTo("一村");
            assertThat(scores.getRow(4).getCell(2 + 4 + 2).getNumericCellValue()).isEqualTo(102.0); // 总得分
            assertThat(scores.getRow(9).getCell(1).getStringCellValue()).isEqualTo("五村");
            assertThat(scores.getRow(9).getCell(2 + 4 + 4).getStringCellValue()).isEqualTo("不合格");
            assertThat(scores.getRow(10).getCell(1).getStringCellValue()).isEqualTo("全镇平均");
            var details = workbook.getSheet(AssessmentWorkbook.DETAILS);
            List<String> lines = new java.util.ArrayList<>();
            for (int r = 1; r <= details.getLastRowNum(); r++) {
                lines.add(details.getRow(r).getCell(1).getStringCellValue() + " "
                        + details.getRow(r).getCell(8).getStringCellValue());
            }
            // 一村: the bonus; 二村, 六村: months; 三村: rate and overdue; 四村: four items; 五村: the veto → 1+2+2+4+1 = 10
            assertThat(lines).hasSize(10)
                    .contains("二村 目标 12 个月，实际 9 个月，缺 3 个月 × 5 分 = 扣 15 分")
                    .anySatisfy(l -> assertThat(l).startsWith("五村 实际 1 起"));
        }
    }

    @Test
    void theMetricsAddedForTheSchemeEqualDirectSql() {
        Filters year = new Filters(YearMonth.of(2024, 1), YearMonth.of(2024, 12), List.of(), List.of(), Map.of(), AS_OF);
        for (String[] metric : new String[][] {
                {"accidents_concealed", "SELECT region_code, count(*) FROM fact_accident WHERE is_concealed"
                        + " AND year(accident_date) = 2024 GROUP BY region_code"},
                {"major_unpublished", "SELECT region_code, count(*) FROM fact_hazard WHERE hazard_level = 'major'"
                        + " AND closed_date <= DATE '2024-12-31' AND NOT is_published AND year(found_date) = 2024"
                        + " GROUP BY region_code"}}) {
            Map<String, Long> expected = new java.util.HashMap<>();
            jdbc.query(metric[1], (java.sql.ResultSet rs) -> {
                expected.put(rs.getString(1), rs.getLong(2));
            });
            Map<String, Long> actual = new java.util.HashMap<>();
            queries.run(new MetricQuery(List.of(metric[0]), List.of("village"), year, List.of(), null)).rows()
                    .forEach(row -> {
                        if (((Number) row.get(1)).longValue() > 0) {
                            actual.put((String) row.get(0), ((Number) row.get(1)).longValue());
                        }
                    });
            assertThat(actual).as(metric[0]).isEqualTo(expected).isNotEmpty();
        }
    }

    // ---------------------------------------------------------------- data

    private static void region(JdbcTemplate jdbc, String code, String name, String level, String parent) {
        jdbc.update("""
                INSERT INTO dim_region (region_code, region_name, region_level, parent_code, county_code, town_code,
                    is_community, valid_from, valid_to, merged_into, is_demo, batch_id)
                VALUES (?, ?, ?, ?, '999001', ?, FALSE, DATE '2000-01-01', DATE '9999-12-31', NULL, FALSE, NULL)""",
                code, name, level, parent, level.equals("village") ? TOWN : null);
    }

    /** A monthly check in each of the first {@code months} months of 2024. */
    private static void monthlyChecks(JdbcTemplate jdbc, String village, int months, String enterprise) {
        for (int m = 1; m <= months; m++) {
            inspection(jdbc, village, String.format("2024-%02d-10", m), "monthly", enterprise);
        }
    }

    private static void inspection(JdbcTemplate jdbc, String village, String date, String type, String enterprise) {
        jdbc.update("""
                INSERT INTO fact_inspection (inspection_no, inspection_date, region_code, enterprise_code, sector_code,
                    inspection_type, led_by_leader, is_double_random, hazards_found, batch_id)
                VALUES (?, CAST(? AS DATE), ?, ?, 'fire', ?, FALSE, ?, 0, 1)""",
                "I" + (++sequence), date, village, enterprise, type, type.equals("double_random"));
    }

    private static void hazard(JdbcTemplate jdbc, String village, String found, String deadline, String rectified) {
        jdbc.update("""
                INSERT INTO fact_hazard (hazard_no, found_date, deadline_date, rectified_date, hazard_level, sector_code,
                    region_code, description, status, wl_responsibility, wl_measures, wl_funds, wl_time_limit,
                    wl_contingency, is_published, batch_id)
                VALUES (?, CAST(? AS DATE), CAST(? AS DATE), CAST(? AS DATE), 'general', 'fire', ?, '测试隐患', ?,
                    TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, 1)""",
                "H" + (++sequence), found, deadline, rectified, village, rectified == null ? "open" : "rectified");
    }

    private static void enterprise(JdbcTemplate jdbc, String code, String village) {
        jdbc.update("""
                INSERT INTO dim_enterprise (enterprise_code, valid_from, valid_to, is_current, enterprise_name, region_code,
                    sector_code, scale, is_high_risk, is_key, is_crowded_place)
                VALUES (?, DATE '2000-01-01', DATE '9999-12-31', TRUE, ?, ?, 'fire', 'sme', FALSE, TRUE, FALSE)""",
                code, "企业" + code, village);
    }
}
