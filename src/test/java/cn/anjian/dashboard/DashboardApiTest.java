package cn.anjian.dashboard;

import java.nio.file.Path;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;
import cn.anjian.semantic.HazardFixture;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The dashboard API and pages over HTTP: definitions, panel data, and 404/400 as ProblemDetails. */
@SpringBootTest
@AutoConfigureMockMvc
@WithAccount(Role.ADMIN)
class DashboardApiTest {

    private static final String PANELS = "/api/dashboards/hazard-trends/panels/";

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("dashboard-api-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    @Autowired
    java.time.Clock clock;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void fill(@Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts) {
        HazardFixture.insert(jdbc, YearMonth.of(2024, 12));
        marts.refresh();
    }

    @Test
    void listsTheHazardTrendsDashboard() throws Exception {
        mvc.perform(get("/api/dashboards"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].id", hasItem("hazard-trends")))
                .andExpect(jsonPath("$[?(@.id == 'hazard-trends')].title.zh", contains("隐患趋势")));
    }

    @Test
    void definitionHasThreePanelsAndDefaultsToTheLastTwelveMonths() throws Exception {
        YearMonth now = YearMonth.now(clock);
        mvc.perform(get("/api/dashboards/hazard-trends"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.panels[*].id", contains("total", "by-sector", "villages")))
                .andExpect(jsonPath("$.panels[*].chart", contains("kpi", "stacked_bar", "bar_ranking")))
                .andExpect(jsonPath("$.defaults.to").value(now.toString()))
                .andExpect(jsonPath("$.defaults.from").value(now.minusMonths(11).toString()));
    }

    @Test
    void panelDataEqualsADirectCount() throws Exception {
        long fireInSpring = jdbc.queryForObject("""
                SELECT count(*) FROM fact_hazard
                WHERE found_date BETWEEN DATE '2024-03-01' AND DATE '2024-05-31' AND sector_code = 'fire'
                  AND region_code = ?""", Long.class, HazardFixture.XIHE);
        long marchFire = jdbc.queryForObject("""
                SELECT count(*) FROM fact_hazard
                WHERE found_date BETWEEN DATE '2024-03-01' AND DATE '2024-03-31' AND sector_code = 'fire'
                  AND region_code = ?""", Long.class, HazardFixture.XIHE);

        mvc.perform(get(PANELS + "by-sector").param("from", "2024-03").param("to", "2024-05")
                        .param("sector", "fire").param("village", HazardFixture.XIHE))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.columns[*].id", contains("month", "sector", "hazards_found")))
                .andExpect(jsonPath("$.filters.from").value("2024-03"))
                .andExpect(jsonPath("$.filters.sector", contains("fire")))
                .andExpect(jsonPath("$.labels.sector[0].label.zh").value("消防"))
                .andExpect(jsonPath("$.rows[?(@[0] == '2024-03')][2]", contains((int) marchFire)));

        String body = mvc.perform(get(PANELS + "total").param("from", "2024-03").param("to", "2024-05")
                        .param("sector", "fire").param("village", HazardFixture.XIHE))
                .andReturn().getResponse().getContentAsString();
        long total = JsonPath.<Integer>read(body, "$.kpis[0].value");
        long sparkline = JsonPath.<List<Integer>>read(body, "$.kpis[0].sparkline[*][1]").stream()
                .mapToLong(Integer::longValue).sum();
        assertThat(total).isEqualTo(fireInSpring);
        assertThat(sparkline).isEqualTo(fireInSpring);
    }

    @Test
    void aMonthUnderWayIsComparedWithTheSameDaysOfTheEarlierPeriods(@Autowired MartRefresher marts) throws Exception {
        // given: the suite's clock stands at 15 June 2026; hazards on both sides of the 15th in May, and a year ago
        String[] found = {"2026-06-03", "2026-06-12", "2026-05-02", "2026-05-14", "2026-05-20", "2026-05-28",
                "2025-06-10", "2025-06-25", "2026-04-05"};
        for (int i = 0; i < found.length; i++) {
            jdbc.update("""
                    INSERT INTO fact_hazard (hazard_no, found_date, hazard_level, sector_code, region_code, description,
                        status, batch_id) VALUES (?, CAST(? AS DATE), 'general', 'fire', ?, '测试', 'open', 1)""",
                    "YH-PARTIAL-" + i, found[i], HazardFixture.XIHE);
        }
        marts.refresh();
        try {
            // when: June so far
            String body = mvc.perform(get(PANELS + "total").param("from", "2026-06").param("to", "2026-06"))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

            // then: 1–15 June against 1–15 May and 1–15 June 2025, never against a whole month
            assertThat(JsonPath.<Integer>read(body, "$.kpis[0].value")).isEqualTo(2);
            assertThat(JsonPath.<String>read(body, "$.kpis[0].compare.previous_period.through"))
                    .isEqualTo("2026-05-15");
            assertThat(JsonPath.<Integer>read(body, "$.kpis[0].compare.previous_period.value")).isEqualTo(2);
            assertThat(JsonPath.<String>read(body, "$.kpis[0].compare.same_period_last_year.through"))
                    .isEqualTo("2025-06-15");
            assertThat(JsonPath.<Integer>read(body, "$.kpis[0].compare.same_period_last_year.value")).isEqualTo(1);

            // and a metric only counted by whole months (each unit's monthly check) waits for the month's end
            String inspections = mvc.perform(get("/api/dashboards/inspections/panels/kpis").param("from", "2026-06")
                            .param("to", "2026-06"))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(JsonPath.<List<Boolean>>read(inspections,
                    "$.kpis[?(@.metric == 'monthly_check_compliance')].compare.previous_period.withheld"))
                    .containsExactly(true);
            assertThat(JsonPath.<List<Boolean>>read(inspections,
                    "$.kpis[?(@.metric == 'inspections')].compare.previous_period.withheld")).containsExactly(false);

            // and a month that is over is compared whole, whatever the as-of day asked for
            for (String asOf : new String[] {null, "2026-05-10"}) {
                var request = get(PANELS + "total").param("from", "2026-05").param("to", "2026-05");
                String closed = mvc.perform(asOf == null ? request : request.param("asOf", asOf))
                        .andReturn().getResponse().getContentAsString();
                assertThat(JsonPath.<Integer>read(closed, "$.kpis[0].value")).isEqualTo(4);
                assertThat(JsonPath.<Object>read(closed, "$.kpis[0].compare.previous_period.through")).isNull();
                assertThat(JsonPath.<Integer>read(closed, "$.kpis[0].compare.previous_period.value")).isEqualTo(1);
            }
        } finally {
            jdbc.update("DELETE FROM fact_hazard WHERE hazard_no LIKE 'YH-PARTIAL-%'");
            marts.refresh();
        }
    }

    /** A 待整改 row with a rectification date is listed, filtered and counted as 已整改, as the metrics count it. */
    @Test
    void aHazardsStatusIsTheOneItsDatesBearOut(@Autowired MartRefresher marts) throws Exception {
        jdbc.update("""
                INSERT INTO fact_hazard (hazard_no, found_date, rectified_date, hazard_level, sector_code, region_code,
                    description, status, batch_id)
                VALUES ('YH-STATE-1', DATE '2023-03-05', DATE '2023-03-08', 'general', 'fire', ?, '测试', 'open', 1)""",
                HazardFixture.XIHE);
        marts.refresh();
        try {
            String list = mvc.perform(get("/api/query").param("detail", "hazard_list").param("from", "2023-03")
                    .param("to", "2023-03")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            int status = JsonPath.<List<String>>read(list, "$.columns[*].id").indexOf("hazard_status");
            assertThat(JsonPath.<List<String>>read(list, "$.rows[?(@[0] == 'YH-STATE-1')][" + status + "]"))
                    .containsExactly("rectified");
            String counted = mvc.perform(get("/api/query").param("metrics", "hazards_found,hazards_rectified")
                            .param("dims", "hazard_status").param("from", "2023-03").param("to", "2023-03"))
                    .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
            assertThat(JsonPath.<List<Object>>read(counted, "$.rows[*][0]")).containsExactly("rectified");
            assertThat(JsonPath.<Integer>read(counted, "$.rows[0][1]")).isEqualTo(1);
            assertThat(JsonPath.<Integer>read(counted, "$.rows[0][2]")).isEqualTo(1);
        } finally {
            jdbc.update("DELETE FROM fact_hazard WHERE hazard_no = 'YH-STATE-1'");
            marts.refresh();
        }
    }

    @Test
    void villageRankingIsLabelledInChinese() throws Exception {
        mvc.perform(get(PANELS + "villages").param("from", "2024-01").param("to", "2024-12"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows", hasSize(3)))
                .andExpect(jsonPath("$.labels.village[*].label.zh", hasItem("南岭社区")));
    }

    @Test
    void unknownDashboardIsA404ProblemDetail() throws Exception {
        mvc.perform(get("/api/dashboards/no-such-dashboard"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(404))
                .andExpect(jsonPath("$.detail", containsString("no-such-dashboard")));

        mvc.perform(get("/api/dashboards/no-such-dashboard/panels/total"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void unknownPanelIsA404ProblemDetail() throws Exception {
        mvc.perform(get(PANELS + "no-such-panel"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.detail", containsString("no-such-panel")));
    }

    @Test
    void malformedFiltersAre400ProblemDetailsNamingTheParameter() throws Exception {
        expectBadParameter(get(PANELS + "by-sector").param("from", "2024-13"), "from");
        expectBadParameter(get(PANELS + "by-sector").param("to", "last month"), "to");
        expectBadParameter(get(PANELS + "by-sector").param("sector", "no_such_sector"), "sector");
        expectBadParameter(get(PANELS + "villages").param("village", "999999999999"), "village");
        expectBadParameter(get(PANELS + "villages").param("sector", "fire' OR '1'='1"), "sector");
        expectBadParameter(get(PANELS + "villages").param("village", "x'); DROP TABLE fact_hazard; --"), "village");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class))
                .isPositive();
    }

    @Test
    void aRangeIsAnsweredInTheUsersWordsAndCappedSoNoRequestBuildsAnEndlessAnswer() throws Exception {
        expectBadRange(get(PANELS + "by-sector").param("from", "2024-06").param("to", "2024-05"), "from",
                "开始月份 2024-06 晚于结束月份 2024-05");
        expectBadRange(get("/api/dashboards/overview/panels/hazard-kpis").param("from", "0001-01")
                .param("to", "9999-12"), "from", "时间范围最长 20 年");
        expectBadRange(get(PANELS + "by-sector").param("from", "2020-01").param("to", "2024-12")
                .param("grain", "day"), "grain", "按日显示时，时间范围最长 2 年");
        mvc.perform(get(PANELS + "by-sector").param("from", "2005-01").param("to", "2024-12"))
                .andExpect(status().isOk());
        mvc.perform(get(PANELS + "by-sector").param("from", "2023-01").param("to", "2024-12").param("grain", "day"))
                .andExpect(status().isOk());
    }

    private void expectBadRange(MockHttpServletRequestBuilder request, String parameter, String words)
            throws Exception {
        mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.parameter").value(parameter))
                .andExpect(jsonPath("$.detail", startsWith(words)));
    }

    @Test
    void everyMetricSaysWhichWayIsGoodAndPanelsCarryIt() throws Exception {
        assertThat(new cn.anjian.semantic.Catalog().metrics()).allSatisfy(m -> assertThat(
                cn.anjian.semantic.Catalog.hasDeclaredPolarity(m.id())).as("polarity of " + m.id()).isTrue());
        mvc.perform(get("/api/catalog"))
                .andExpect(jsonPath("$.metrics[?(@.id == 'monthly_check_units')].better", contains("higher")))
                .andExpect(jsonPath("$.metrics[?(@.id == 'hazards_overdue')].better", contains("lower")))
                .andExpect(jsonPath("$.metrics[?(@.id == 'key_enterprises')].better", contains("neutral")));
        mvc.perform(get("/api/dashboards/inspections/panels/compliance-grid"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.columns[?(@.id == 'monthly_check_units')].better", contains("higher")));
    }

    @Test
    void emptyListParametersMeanAll() throws Exception {
        mvc.perform(get(PANELS + "villages").param("from", "2024-01").param("to", "2024-12")
                        .param("sector", "").param("village", ""))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows", hasSize(3)));
    }

    @Test
    void catalogListsMetricsDimensionsAndSectorMembersHeadlineFirst() throws Exception {
        mvc.perform(get("/api/catalog"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.metrics[*].id", hasItem("hazards_found")))
                .andExpect(jsonPath("$.dimensions[*].id", hasItem("village")));
        mvc.perform(get("/api/catalog/dimensions/sector/members"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(18)))
                .andExpect(jsonPath("$[0:5].code", contains("fire", "road_traffic", "town_gas", "self_built_housing",
                        "forest_fire")))
                .andExpect(jsonPath("$[5].headline").value(false));
        mvc.perform(get("/api/catalog/dimensions/village/members"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(4)));
        mvc.perform(get("/api/catalog/dimensions/no-such/members"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void homeRedirectsToTheOverviewPage() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrl("/dashboards/overview"));
    }

    @Test
    void unknownDashboardPageIsA404() throws Exception {
        mvc.perform(get("/dashboards/no-such-dashboard").accept(MediaType.TEXT_HTML))
                .andExpect(status().isNotFound());
    }

    private void expectBadParameter(
            MockHttpServletRequestBuilder request, String parameter)
            throws Exception {
        mvc.perform(request)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.parameter").value(parameter))
                .andExpect(jsonPath("$.detail", startsWith("参数 " + parameter)));
    }
}
