package cn.anjian.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.anjian.security.Role;
import cn.anjian.security.TestLogins;
import cn.anjian.security.UserAccounts;
import cn.anjian.semantic.HazardFixture;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hazard-trends page in headless Chromium against the running app and a warehouse of known rows: charts
 * draw without console errors, a filter change rewrites the URL and the data, reload and back keep the state,
 * and a 390 px phone gets no horizontal scroll. Signed in once, through the login form, as an administrator.
 * Needs Debian's chromium, chromium-driver and fonts-noto-cjk ({@code .ci/run} installs them); outside CI the test is skipped when they are missing, in CI it fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "browserAvailable",
        disabledReason = "Chromium not installed (apt-get install chromium chromium-driver fonts-noto-cjk); "
                + "skipped because CI is unset")
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final YearMonth NOW = YearMonth.now(ZoneId.of("Asia/Shanghai"));

    /** True when the ECharts instances of every drawn panel exist and have painted a canvas. */
    private static final String DRAWN_GENERATION = """
            const root = document.getElementById('dashboard');
            if (!root || !window.echarts || root.dataset.state !== 'ready') return -1;
            for (const panel of document.querySelectorAll('.panel[data-state="ready"]')) {
              const chart = panel.querySelector('.chart');
              if (!echarts.getInstanceByDom(chart) || !chart.querySelector('canvas')) return -1;
            }
            return Number(root.dataset.generation);""";

    private static final String SERIES_TOTAL = """
            const chart = echarts.getInstanceByDom(document.querySelector('#panel-' + arguments[0] + ' .chart'));
            return chart.getOption().series.flatMap(s => s.data)
                .reduce((sum, d) => sum + Number(d && typeof d === 'object' ? d.value : d), 0);""";

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("browser-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    static boolean browserAvailable() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return true;
        }
        if (System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the browser test, but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: .ci/run should have installed chromium and chromium-driver");
        }
        return false;
    }

    @BeforeAll
    static void fillAndStartBrowser(@Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts,
                                    @Autowired UserAccounts accounts, @Value("${local.server.port}") int port) {
        HazardFixture.insert(jdbc, NOW);
        marts.refresh();

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1000", "--lang=zh-CN");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));

        accounts.create("browser-admin", "浏览器测试", "browser-test-password", Role.ADMIN, List.of(), "test", false);
        TestLogins.signIn(browser, "http://localhost:" + port, "browser-admin", "browser-test-password");
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void desktopViewportAndFreshLogs() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.manage().logs().get(LogType.BROWSER); // reading the log empties it
    }

    @Test
    void homeOpensTheDashboardAndDrawsEveryPanelWithoutConsoleErrors() throws IOException {
        browser.get(url("/"));
        waitForCharts(0);

        assertThat(browser.getCurrentUrl()).endsWith("/dashboards/hazard-trends");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("隐患趋势");
        long lastTwelveMonths = count(NOW.minusMonths(11), NOW, null, null);
        assertThat(lastTwelveMonths).isPositive().isLessThan(count(NOW.minusMonths(13), NOW, null, null));
        assertThat(seriesTotal("by-sector")).isEqualTo(lastTwelveMonths);
        assertThat(seriesTotal("villages")).isEqualTo(lastTwelveMonths);
        assertThat(browser.findElement(By.cssSelector("#panel-total .kpi-value")).getText().replace(",", ""))
                .isEqualTo(String.valueOf(lastTwelveMonths));
        assertThat(legendNames("by-sector")).startsWith("消防", "道路交通", "城镇燃气", "自建房", "森林防火")
                .contains("建筑施工", "旅游");
        assertThat((Boolean) browser.executeScript("const aria = echarts.getInstanceByDom("
                + "document.querySelector('#panel-by-sector .chart')).getOption().aria;"
                + "return (Array.isArray(aria) ? aria[0] : aria).enabled")).isTrue();
        assertThat(severeConsoleMessages()).isEmpty();
        screenshot("hazard-trends-desktop.png");
    }

    @Test
    void changingAFilterRewritesTheUrlAndTheDataAndReloadKeepsIt() {
        browser.get(url("/dashboards/hazard-trends"));
        long generation = waitForCharts(0);
        long all = seriesTotal("by-sector");

        new Select(browser.findElement(By.name("sector"))).selectByValue("fire");
        generation = waitForCharts(generation);

        assertThat(browser.getCurrentUrl()).contains("sector=fire");
        long fire = count(NOW.minusMonths(11), NOW, "fire", null);
        assertThat(seriesTotal("by-sector")).isEqualTo(fire).isNotEqualTo(all);
        assertThat(legendNames("by-sector")).containsExactly("消防");

        browser.navigate().refresh();
        generation = waitForCharts(0);
        assertThat(browser.getCurrentUrl()).contains("sector=fire");
        assertThat(new Select(browser.findElement(By.name("sector"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("fire");
        assertThat(seriesTotal("by-sector")).isEqualTo(fire);

        new Select(browser.findElement(By.name("village"))).selectByValue(HazardFixture.XIHE);
        generation = waitForCharts(generation);
        assertThat(browser.getCurrentUrl()).contains("sector=fire").contains("village=" + HazardFixture.XIHE);
        assertThat(seriesTotal("by-sector")).isEqualTo(count(NOW.minusMonths(11), NOW, "fire", HazardFixture.XIHE));

        browser.navigate().back();
        waitForCharts(generation);
        assertThat(browser.getCurrentUrl()).doesNotContain("village=");
        assertThat(seriesTotal("by-sector")).isEqualTo(fire);
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void aVillageWithoutHazardsShowsNoData() {
        browser.get(url("/dashboards/hazard-trends?village=" + HazardFixture.BEIPO));
        waitForCharts(0);

        assertThat(browser.findElement(By.cssSelector("#panel-by-sector")).getDomAttribute("data-state"))
                .isEqualTo("empty");
        assertThat(browser.findElement(By.cssSelector("#panel-by-sector .state")).getText()).isEqualTo("无数据");
        assertThat(browser.findElement(By.cssSelector("#panel-villages .state")).getText()).isEqualTo("无数据");
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void aMalformedMonthInTheUrlIsReportedAtItsField() {
        browser.get(url("/dashboards/hazard-trends?from=2024-13"));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "error".equals(root().getDomAttribute("data-state")));

        assertThat(browser.findElement(By.id("filter-error")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("filter-error")).getText()).contains("from");
        assertThat(browser.findElement(By.name("from")).getDomAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void englishIsOneParameterAwayAndSurvivesFilterChanges() {
        browser.get(url("/dashboards/hazard-trends?lang=en"));
        long generation = waitForCharts(0);

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Hazard trends");
        assertThat(legendNames("by-sector")).startsWith("Fire", "Road traffic");

        new Select(browser.findElement(By.name("sector"))).selectByValue("forest_fire");
        waitForCharts(generation);
        assertThat(browser.getCurrentUrl()).contains("lang=en").contains("sector=forest_fire");
        assertThat(legendNames("by-sector")).containsExactly("Forest fire");
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void anUnknownDashboardGetsAChineseNotFoundPage() {
        browser.get(url("/dashboards/no-such-dashboard"));

        assertThat(browser.getTitle()).contains("页面不存在");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("页面不存在");
    }

    @Test
    void onA390PixelPhoneThereIsNoHorizontalScroll() throws IOException {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
        browser.get(url("/dashboards/hazard-trends?sector=town_gas"));
        waitForCharts(0);

        assertThat(((Number) browser.executeScript("return window.innerWidth")).intValue()).isEqualTo(390);
        long scrollWidth = ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
        assertThat(scrollWidth).as("page width at 390 px").isLessThanOrEqualTo(390);
        assertThat(severeConsoleMessages()).isEmpty();
        fullPageScreenshot("hazard-trends-390.png");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private org.openqa.selenium.WebElement root() {
        return browser.findElement(By.id("dashboard"));
    }

    /** Waits until the page has drawn a load newer than {@code after}; returns that load's generation. */
    private long waitForCharts(long after) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            Number generation = (Number) browser.executeScript(DRAWN_GENERATION);
            return generation != null && generation.longValue() > after ? generation.longValue() : null;
        });
    }

    private long seriesTotal(String panel) {
        return ((Number) browser.executeScript(SERIES_TOTAL, panel)).longValue();
    }

    @SuppressWarnings("unchecked")
    private List<String> legendNames(String panel) {
        return (List<String>) browser.executeScript("return echarts.getInstanceByDom(document.querySelector("
                + "'#panel-' + arguments[0] + ' .chart')).getOption().series.map(s => s.name)", panel);
    }

    private List<String> severeConsoleMessages() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    private void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File file = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The whole page, not only the viewport, so a reviewer sees every panel at phone width. */
    private void fullPageScreenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot",
                Map.of("format", "png", "captureBeyondViewport", true));
        Files.write(SCREENSHOTS.resolve(name), Base64.getDecoder().decode((String) shot.get("data")));
    }

    /** The reference answer: a direct count over the fact table. */
    private long count(YearMonth from, YearMonth to, String sector, String village) {
        return jdbc.queryForObject("""
                SELECT count(*) FROM fact_hazard
                WHERE found_date BETWEEN ? AND ?
                  AND (CAST(? AS VARCHAR) IS NULL OR sector_code = ?)
                  AND (CAST(? AS VARCHAR) IS NULL OR region_code = ?)""",
                Long.class, from.atDay(1), to.atEndOfMonth(), sector, sector, village, village);
    }
}
