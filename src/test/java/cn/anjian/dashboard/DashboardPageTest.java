package cn.anjian.dashboard;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import java.nio.file.Path;
import java.time.YearMonth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.semantic.HazardFixture;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The page shell and the town → village tree the filter cascade reads, over HTTP without a browser. */
@WithAccount(Role.ADMIN)
@SpringBootTest
@AutoConfigureMockMvc
class DashboardPageTest {

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("dashboard-page-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    @Autowired
    MockMvc mvc;

    @BeforeAll
    static void fill(@Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts) {
        HazardFixture.insert(jdbc, YearMonth.of(2024, 12));
        marts.refresh();
    }

    @Test
    @WithAccount(value = Role.VILLAGE, scope = HazardFixture.XIHE)
    void aVillagePageOpenedBareOffersTheUsersVillagesInsteadOfErrors() throws Exception {
        String html = mvc.perform(get("/dashboards/village"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(html).contains("请选择要查看的村(社区)")
                .contains("href=\"/dashboards/village?village=" + HazardFixture.XIHE + "\"")
                .doesNotContain("village=" + HazardFixture.DONGSHAN)
                .doesNotContain("/js/dashboard.js");
    }

    @Test
    void anEnterprisePageOpenedBareIsASearchByNameOrCode(@Autowired JdbcTemplate jdbc) throws Exception {
        jdbc.update("""
                INSERT INTO dim_enterprise (enterprise_code, valid_from, valid_to, is_current, credit_code,
                    enterprise_name, region_code, sector_code, scale, is_high_risk, is_key, is_crowded_place)
                VALUES ('91341525PICKER0001', DATE '2020-01-01', DATE '9999-12-31', true, '91341525PICKER0001',
                        '竹韵茶厂', ?, 'industry_trade', 'micro', false, false, false),
                       ('91341525PICKER0002', DATE '2020-01-01', DATE '9999-12-31', true, '91341525PICKER0002',
                        '山泉竹制品厂', ?, 'industry_trade', 'micro', false, false, false)""",
                HazardFixture.XIHE, HazardFixture.DONGSHAN);
        String all = mvc.perform(get("/dashboards/enterprise")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(all).contains("请选择要查看的企业").contains("竹韵茶厂").contains("山泉竹制品厂");
        String found = mvc.perform(get("/dashboards/enterprise").param("q", "茶厂")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(found).contains("href=\"/dashboards/enterprise?enterprise=91341525PICKER0001\"")
                .doesNotContain("山泉竹制品厂");
        // the page itself is titled by the enterprise's name, not its credit code
        String page = mvc.perform(get("/dashboards/enterprise").param("enterprise", "91341525PICKER0001"))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(page).contains("data-subject-name=\"竹韵茶厂\"");
    }

    @Test
    void townsListTheirVillagesInNameOrder() throws Exception {
        mvc.perform(get("/api/regions/towns"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$", hasSize(1)))
                .andExpect(jsonPath("$[0].code").value(HazardFixture.TOWN))
                .andExpect(jsonPath("$[0].label.zh").value("诸佛庵镇"))
                .andExpect(jsonPath("$[0].villages", contains(HazardFixture.BEIPO, HazardFixture.DONGSHAN,
                        HazardFixture.NANLING, HazardFixture.XIHE)));
    }

    @Test
    void theShellNamesTheDashboardAndListsTheDashboardsInTheNavigation() throws Exception {
        mvc.perform(get("/dashboards/hazard-trends"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<title>隐患趋势 · 安监数仓</title>"),
                        containsString("<h1><span>隐患趋势</span>"),
                        containsString("echarts.min.js"),
                        containsString("/js/dashboard.js"),
                        containsString("data-dashboard=\"hazard-trends\""),
                        containsString("data-nav-id=\"hazard-trends\" aria-current=\"page\""),
                        containsString("&quot;noData&quot;:&quot;无数据&quot;"),
                        containsString("data-theme=\"light\""),
                        containsString("近12个月"))));
    }

    @Test
    void englishAndTheDarkThemeComeFromTheUrl() throws Exception {
        mvc.perform(get("/dashboards/hazard-trends").param("lang", "en").param("theme", "dark"))
                .andExpect(status().isOk())
                .andExpect(content().string(allOf(
                        containsString("<html lang=\"en\" data-theme=\"dark\""),
                        containsString("Last 12 months"),
                        containsString("&quot;noData&quot;:&quot;No data&quot;"),
                        not(containsString("近12个月")))));
    }
}
