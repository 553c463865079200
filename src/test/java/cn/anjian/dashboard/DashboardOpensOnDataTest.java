package cn.anjian.dashboard;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.anjian.HeadlessChromium;
import cn.anjian.security.TestLogins;
import cn.anjian.security.UserAccounts;
import cn.anjian.semantic.HazardFixture;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A warehouse whose ledgers lie years before the default range (2011 to 2013, the suite's today being 2026-06-15):
 * the dashboards open on 2013's last 12 months and say so, in both languages, with the months in the URL and the
 * form; an empty panel says why it is empty. Pages and panel data over HTTP, then the page in headless Chromium.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
class DashboardOpensOnDataTest {

    private static final String NOTE_ZH = "默认时间范围 (2025-07 至 2026-06) 内没有数据，已打开有数据的最近 12 个月：2013-01 至 2013-12。";
    private static final String NOTE_EN =
            "The default range (2025-07 to 2026-06) holds no data; showing the latest 12 months with data: 2013-01 to 2013-12.";

    @TempDir
    static Path work;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> work.resolve("opens-on-data.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.etl.work-dir", () -> work.resolve("etl").toString());
    }

    @Autowired
    MockMvc mvc;

    @LocalServerPort
    int port;

    @BeforeAll
    static void ledgersOf2011To2013(@Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts) {
        HazardFixture.insert(jdbc, YearMonth.of(2013, 12)); // 2012-11 to 2013-12
        jdbc.update("""
                INSERT INTO fact_hazard (hazard_no, found_date, hazard_level, sector_code, region_code, description,
                    status, wl_responsibility, wl_measures, wl_funds, wl_time_limit, wl_contingency, is_published,
                    batch_id)
                VALUES ('YH-2011-0001', ?, 'general', 'fire', ?, '2011 年的隐患', 'open',
                        TRUE, TRUE, TRUE, TRUE, TRUE, FALSE, 1)""",
                Date.valueOf(LocalDate.of(2011, 3, 8)), HazardFixture.DONGSHAN);
        marts.refresh();
    }

    @Test
    void aDashboardWhoseDefaultRangeIsEmptyOpensOnTheLatestTwelveMonthsWithDataAndSaysSo() throws Exception {
        for (String id : new String[] {"hazard-trends", "overview", "villages"}) {
            String page = page("/dashboards/" + id);
            assertThat(page).as(id).contains("data-opened-from=\"2013-01\"").contains("data-opened-to=\"2013-12\"")
                    .contains(NOTE_ZH);
        }
        assertThat(page("/dashboards/hazard-trends?lang=en")).contains(NOTE_EN).doesNotContain(NOTE_ZH);
        // the URL the page writes (from=2013-01&to=2013-12) keeps the note; other months do not have it
        assertThat(page("/dashboards/hazard-trends?from=2013-01&to=2013-12")).contains(NOTE_ZH);
        assertThat(page("/dashboards/hazard-trends?from=2012-01&to=2012-12")).doesNotContain("opening-note")
                .doesNotContain("data-opened-from");
        assertThat(page("/dashboards/hazard-trends?range=year")).doesNotContain("opening-note");
        // a dashboard whose facts the warehouse does not hold at all keeps its default range
        assertThat(page("/dashboards/enforcement")).doesNotContain("opening-note");
    }

    @Test
    void anEmptyPanelSaysWhetherTheRangeOrTheFiltersLeftItEmpty() throws Exception {
        // the default range: nothing in it, and the months that have data
        mvc.perform(get("/api/dashboards/hazard-trends/panels/by-sector").with(TestLogins.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").isEmpty())
                .andExpect(jsonPath("$.empty.reason").value("range"))
                .andExpect(jsonPath("$.empty.first").value("2011-03"))
                .andExpect(jsonPath("$.empty.last").value("2013-12"));
        // 2013 in a village without hazards: the filter left them out
        mvc.perform(get("/api/dashboards/hazard-trends/panels/by-sector").with(TestLogins.admin())
                        .param("from", "2013-01").param("to", "2013-12").param("village", HazardFixture.BEIPO))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").isEmpty())
                .andExpect(jsonPath("$.empty.reason").value("filtered"));
        // 2013 with rows: no reason
        mvc.perform(get("/api/dashboards/hazard-trends/panels/by-sector").with(TestLogins.admin())
                        .param("from", "2013-01").param("to", "2013-12"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.rows").isNotEmpty())
                .andExpect(jsonPath("$.empty").doesNotExist());
        // no enforcement ledger at all
        mvc.perform(get("/api/dashboards/enforcement/panels/fines-by-month").with(TestLogins.admin())
                        .param("from", "2013-01").param("to", "2013-12"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.empty.reason").value("none"));
    }

    static boolean browserAvailable() {
        return HeadlessChromium.available();
    }

    @Test
    @EnabledIf(value = "browserAvailable", disabledReason = "Chromium not installed; skipped because CI is unset")
    void inTheBrowserThePageOpensOn2013WithTheMonthsInTheUrlAndFormAndEmptyPanelsSayWhy(
            @Autowired UserAccounts accounts) {
        ChromeDriver browser = HeadlessChromium.start(HeadlessChromium.options());
        try {
            String base = "http://localhost:" + port;
            TestLogins.signInAsNewAdmin(browser, base, accounts, "opens-on-data", "数据测试");
            browser.get(base + "/dashboards/hazard-trends");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(d -> "ready".equals(d.findElement(By.id("dashboard")).getDomAttribute("data-state")));

            assertThat(browser.getCurrentUrl()).endsWith("/dashboards/hazard-trends?from=2013-01&to=2013-12");
            assertThat(browser.findElement(By.name("from")).getDomProperty("value")).isEqualTo("2013-01");
            assertThat(browser.findElement(By.name("to")).getDomProperty("value")).isEqualTo("2013-12");
            assertThat(browser.findElement(By.id("opening-note")).isDisplayed()).isTrue();
            assertThat(browser.findElement(By.id("opening-note")).getText()).isEqualTo(NOTE_ZH);
            assertThat(browser.findElement(By.id("panel-by-sector")).getDomAttribute("data-state")).isEqualTo("ready");

            // a village without hazards: the panels say the filters left the rows out
            new Select(browser.findElement(By.name("village"))).selectByValue(HazardFixture.BEIPO);
            wait.until(d -> "empty".equals(d.findElement(By.id("panel-by-sector")).getDomAttribute("data-state")));
            assertThat(browser.findElement(By.cssSelector("#panel-by-sector .state")).getText())
                    .isEqualTo("无数据: 所选时间范围内有数据，但都被当前筛选条件排除了");

            // another range: the note no longer applies; nothing in 2015, and the months that have data
            browser.get(base + "/dashboards/hazard-trends?from=2015-01&to=2015-12");
            wait.until(d -> "empty".equals(d.findElement(By.id("panel-by-sector")).getDomAttribute("data-state")));
            assertThat(browser.findElements(By.id("opening-note"))).isEmpty();
            assertThat(browser.findElement(By.cssSelector("#panel-by-sector .state")).getText())
                    .isEqualTo("无数据: 所选时间范围内没有数据 (有数据的月份：2011-03 至 2013-12)");
        } finally {
            browser.quit();
        }
    }

    private String page(String url) throws Exception {
        return mvc.perform(get(url).with(TestLogins.admin())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
    }
}
