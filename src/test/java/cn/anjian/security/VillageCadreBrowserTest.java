package cn.anjian.security;

import cn.anjian.HeadlessChromium;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.anjian.semantic.HazardFixture;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A village cadre signs in through the Chinese login page in headless Chromium and sees only their own village on
 * the hazard-trends dashboard, with the page's CSP in force (no console errors); signing out ends the session.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "browserAvailable", disabledReason = "Chromium not installed; skipped because CI is unset")
class VillageCadreBrowserTest {

    /** This month by the application's clock (the suite runs on {@code anjian.today}), set before the tests. */
    private static YearMonth NOW;

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("village-browser-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    static boolean browserAvailable() {
        return HeadlessChromium.available();
    }

    @BeforeAll
    static void fillAndStartBrowser(@Autowired Clock clock, @Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts,
                                    @Autowired UserAccounts accounts) {
        NOW = YearMonth.now(clock);
        HazardFixture.insert(jdbc, NOW);
        marts.refresh();
        accounts.create("xihe", "西河村安全员", "xihe-cadre-password", Role.VILLAGE, List.of(HazardFixture.XIHE),
                "test", false);

        ChromeOptions options = HeadlessChromium.options();
        browser = HeadlessChromium.start(options);
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void aVillageCadreSeesOnlyTheirVillageOnTheRanking() {
        browser.get(url("/dashboards/hazard-trends"));
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("登录");

        TestLogins.signIn(browser, url(""), "xihe", "xihe-cadre-password");
        assertThat(browser.getCurrentUrl()).endsWith("/dashboards/hazard-trends");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> "ready".equals(
                browser.findElement(By.id("dashboard")).getDomAttribute("data-state")));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> (Boolean) browser.executeScript(
                "const c = document.querySelector('#panel-villages .chart');"
                        + "return !!(window.echarts && echarts.getInstanceByDom(c) && c.querySelector('canvas'))"));

        @SuppressWarnings("unchecked")
        List<String> ranked = (List<String>) browser.executeScript("""
                const chart = echarts.getInstanceByDom(document.querySelector('#panel-villages .chart'));
                const option = chart.getOption();
                const axis = [].concat(option.yAxis, option.xAxis).find(a => a && a.type === 'category');
                return axis.data.map(d => typeof d === 'object' ? d.value : d);""");
        assertThat(ranked).containsExactly("西河村");
        List<String> choices = new Select(browser.findElement(By.name("village"))).getOptions().stream()
                .map(o -> o.getText()).toList();
        assertThat(choices).containsExactly("全部村(社区)", "西河村");
        assertThat(browser.findElement(By.cssSelector(".app-account__who")).getText()).contains("西河村安全员");
        assertThat(severeConsoleMessages()).isEmpty();

        TestLogins.signOut(browser);
        browser.get(url("/api/dashboards/hazard-trends/panels/villages"));
        assertThat(browser.getPageSource()).contains("401");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private List<String> severeConsoleMessages() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }
}
