package cn.anjian.dashboard;

import cn.anjian.HeadlessChromium;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.anjian.security.TestLogins;
import cn.anjian.security.UserAccounts;
import cn.anjian.semantic.HazardFixture;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard pages in headless Chromium against the running app and a warehouse of known rows: every dashboard {@code GET /api/dashboards} lists draws its panels without console errors
 * and fits a 390 px phone; filters live in the URL and survive reload and back; a village bar drills to the village
 * page with breadcrumbs that lead back with the filters kept; the dark theme and English are one click away.
 * The shipped dashboard files are joined by {@code browser-dashboards/} (a chart gallery with every chart type and,
 * until the real one ships, a village page). Needs Debian's chromium, chromium-driver and fonts-noto-cjk
 * ({@code .ci/run} installs them); outside CI the test is skipped when they are missing, in CI it fails.
 * Signed in once, through the login form, as an administrator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "browserAvailable",
        disabledReason = "Chromium not installed (apt-get install chromium chromium-driver fonts-noto-cjk); "
                + "skipped because CI is unset")
class DashboardBrowserTest {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    /**
     * {@code -Danjian.browser-test.demo-scale=0.2} runs the test on the demo town, imported through the real import
     * path, for screenshots worth showing (the README's); by default the small {@link HazardFixture} keeps the class
     * fast. Every expected number is counted from the warehouse, so both data sets pass.
     */
    private static final String DEMO_SCALE = System.getProperty("anjian.browser-test.demo-scale");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** This month by the application's clock (the suite runs on {@code anjian.today}), set before the tests. */
    private static YearMonth NOW;

    /**
     * The generation of the last drawn load, or -1 while any panel is loading or a visible chart is not painted.
     * {@link DashboardPrintBrowserTest} waits with it too.
     */
    static final String DRAWN_GENERATION = """
            const root = document.getElementById('dashboard');
            if (!root || !window.echarts || root.dataset.state !== 'ready') return -1;
            for (const panel of document.querySelectorAll('.panel')) {
              if (panel.dataset.state === 'loading') return -1;
              if (panel.dataset.state !== 'ready') continue;
              for (const chart of panel.querySelectorAll('.chart')) {
                if (!echarts.getInstanceByDom(chart) || !chart.querySelector('canvas')) return -1;
              }
            }
            return Number(root.dataset.generation);""";

    private static final String SERIES_TOTAL = """
            const chart = echarts.getInstanceByDom(document.querySelector('#panel-' + arguments[0] + ' .chart'));
            return chart.getOption().series.flatMap(s => s.data)
                .reduce((sum, d) => sum + Number(d && typeof d === 'object' ? d.value : d), 0);""";

    @TempDir
    static Path work;

    @DynamicPropertySource
    static void warehouseAndDashboards(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> work.resolve("browser-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.etl.work-dir", () -> work.resolve("etl").toString());
        if (DEMO_SCALE != null) {
            registry.add("anjian.demo.enabled", () -> "true");
            registry.add("anjian.demo.scale", () -> DEMO_SCALE);
            registry.add("anjian.demo.folder", () -> work.resolve("demo-ledgers").toString());
        }
        registry.add("anjian.dashboard.location", () -> "file:" + dashboardFiles() + "/*.yaml");
    }

    /** The shipped dashboard files plus the test ones whose file name they do not already use. */
    private static Path dashboardFiles() {
        Path folder = work.resolve("dashboards");
        try {
            Files.createDirectories(folder);
            PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
            for (String pattern : List.of("classpath*:dashboards/*.yaml", "classpath*:browser-dashboards/*.yaml")) {
                for (Resource resource : resolver.getResources(pattern)) {
                    Path target = folder.resolve(resource.getFilename());
                    if (!Files.exists(target)) {
                        try (InputStream in = resource.getInputStream()) {
                            Files.copy(in, target);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder.toAbsolutePath();
    }

    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    DashboardProperties properties;

    static boolean browserAvailable() {
        return HeadlessChromium.available();
    }

    @BeforeAll
    static void fillAndStartBrowser(@Autowired Clock clock, @Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts,
                                    @Autowired UserAccounts accounts, @Value("${local.server.port}") int port) {
        NOW = YearMonth.now(clock);
        if (DEMO_SCALE == null) {
            HazardFixture.insert(jdbc, NOW);
            marts.refresh();
        }

        ChromeOptions options = HeadlessChromium.options();
        browser = HeadlessChromium.start(options);
        browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads().toString()));

        TestLogins.signInAsNewAdmin(browser, "http://localhost:" + port, accounts, "browser-admin", "浏览器测试");
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void desktopViewportLightThemeAndFreshLogs() {
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        if (browser.getCurrentUrl().startsWith("http")) {
            browser.executeScript("localStorage.clear()");
        }
        browser.manage().logs().get(LogType.BROWSER); // reading the log empties it
    }

    /** One test per dashboard the app lists, so dashboards added later are covered without touching this class. */
    @TestFactory
    Stream<DynamicTest> everyDashboardDrawsItsPanelsWithoutConsoleErrorsAndFitsAPhone() throws Exception {
        JsonNode list = getJson("/api/dashboards");
        assertThat(list.size()).isPositive();
        return list.valueStream().map(summary -> DynamicTest.dynamicTest(summary.get("id").asString(), () -> {
            String id = summary.get("id").asString();
            String page = summary.get("page").asString() + subjectOf(id);
            int panels = getJson("/api/dashboards/" + id).get("panels").size();

            browser.get(url(page));
            waitForCharts(0);

            assertThat(browser.findElements(By.cssSelector("#panels > .panel"))).hasSize(panels);
            assertThat(browser.findElements(By.cssSelector(".panel[data-state='error']"))).isEmpty();
            assertThat(browser.findElement(By.cssSelector(".app-menu")).getText()).contains("隐患趋势");
            assertThat(severeConsoleMessages()).as("console of " + page).isEmpty();
            screenshot(id + "-desktop.png");

            phone();
            browser.get(url(page));
            waitForCharts(0);
            assertThat(pageWidth()).as("page width of %s at 390 px", id).isLessThanOrEqualTo(390);
            assertThat(severeConsoleMessages()).as("console of " + page + " at 390 px").isEmpty();
            fullPageScreenshot(id + "-390.png");
            browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }));
    }

    /**
     * Every detail table of every dashboard draws one row per record with its cells side by side (a filter-form rule
     * once stacked each cell on its own full-width line), on a desktop and on a 390 px phone, where the table may
     * scroll sideways inside its own box but never widens the page.
     */
    @Test
    void everyDetailTableDrawsOneRowPerRecordWithItsCellsSideBySideOnDesktopAndPhone() throws Exception {
        int checked = 0;
        for (boolean onPhone : List.of(false, true)) {
            for (JsonNode summary : getJson("/api/dashboards")) {
                String id = summary.get("id").asString();
                if (id.equals("enterprise") && !hasEnterpriseHazards()) {
                    continue; // the small fixture has none; the demo town does
                }
                if (onPhone) {
                    phone();
                }
                browser.get(url(summary.get("page").asString() + subjectOf(id)));
                waitForCharts(0);
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> tables = (List<Map<String, Object>>) browser.executeScript("""
                        return [...document.querySelectorAll('.data-table')].map((table) => {
                          const columns = table.querySelectorAll('thead th').length;
                          const rows = [...table.querySelectorAll('tbody tr')].slice(0, 5).map((row) => {
                            const cells = [...row.children].map((c) => c.getBoundingClientRect());
                            return { cells: cells.length,
                                     tops: new Set(cells.map((r) => Math.round(r.top))).size,
                                     height: row.getBoundingClientRect().height };
                          });
                          return { panel: table.closest('.panel').dataset.panel, columns, rows };
                        });""");
                for (Map<String, Object> table : tables) {
                    String where = id + "/" + table.get("panel") + (onPhone ? " at 390 px" : "");
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> rows = (List<Map<String, Object>>) table.get("rows");
                    for (Map<String, Object> row : rows) {
                        assertThat(((Number) row.get("cells")).longValue()).as(where)
                                .isEqualTo(((Number) table.get("columns")).longValue());
                        assertThat(((Number) row.get("tops")).longValue()).as("cells on one line in " + where)
                                .isEqualTo(1);
                        checked++;
                    }
                }
                if (onPhone) {
                    assertThat(pageWidth()).as("page width of %s at 390 px", id).isLessThanOrEqualTo(390);
                    browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
                }
            }
        }
        assertThat(checked).as("table rows looked at").isPositive();
    }

    /**
     * Ledger text reaches tooltips as text: a village and a sector whose names hold markup show that markup as
     * characters in the heatmap, pie and funnel tooltips, and no element is made of it (ECharts draws a formatter's
     * string as HTML; the CSP would block a script, but the name must not become markup at all).
     */
    @Test
    void ledgerTextInATooltipIsShownAsTextNeverAsMarkup() {
        String village = jdbc.queryForObject("SELECT region_name FROM dim_region WHERE region_code = ?", String.class,
                HazardFixture.XIHE);
        String sector = jdbc.queryForObject("SELECT name_zh FROM dim_sector WHERE sector_code = 'fire'", String.class);
        String evilVillage = "<img src=x onerror=\"window.__xss=1\">西河村";
        String evilSector = "<b>消防</b><img src=y>";
        jdbc.update("UPDATE dim_region SET region_name = ? WHERE region_code = ?", evilVillage, HazardFixture.XIHE);
        jdbc.update("UPDATE dim_sector SET name_zh = ? WHERE sector_code = 'fire'", evilSector);
        try {
            browser.get(url("/dashboards/chart-gallery?from=" + NOW.minusMonths(23) + "&to=" + NOW));
            waitForCharts(0);
            for (String[] probe : List.of(new String[] {"heatmap", evilVillage}, new String[] {"pie", evilSector},
                    new String[] {"funnel", evilSector})) {
                @SuppressWarnings("unchecked")
                List<Map<String, Object>> tips = (List<Map<String, Object>>) browser.executeScript("""
                        const [panel, needle] = arguments;
                        const element = document.querySelector('#panel-' + panel + ' .chart');
                        const chart = echarts.getInstanceByDom(element);
                        const found = [];
                        const count = chart.getOption().series[0].data.length;
                        for (let i = 0; i < count; i++) {
                          chart.dispatchAction({ type: 'showTip', seriesIndex: 0, dataIndex: i });
                          const tip = [...element.querySelectorAll('div')].find((d) => d.style.zIndex === '9999999');
                          if (tip && tip.textContent.includes(needle)) {
                            found.push({ text: tip.textContent, images: tip.querySelectorAll('img').length,
                                         boldNames: [...tip.querySelectorAll('b')].filter((b) => b.textContent === '消防').length });
                          }
                        }
                        return found;""", probe[0], probe[1]);
                assertThat(tips).as("tooltips of %s showing %s as text", probe[0], probe[1]).isNotEmpty()
                        .allSatisfy(tip -> {
                            assertThat(((Number) tip.get("images")).longValue()).isZero();
                            assertThat(((Number) tip.get("boldNames")).longValue()).isZero();
                        });
            }
            assertThat(browser.executeScript("return window.__xss === undefined")).isEqualTo(true);
        } finally {
            jdbc.update("UPDATE dim_region SET region_name = ? WHERE region_code = ?", village, HazardFixture.XIHE);
            jdbc.update("UPDATE dim_sector SET name_zh = ? WHERE sector_code = 'fire'", sector);
        }
    }

    /**
     * On a phone the header stays one line, the filters fold into one line saying what is chosen (a tap opens them)
     * and the KPI cards stand two to a row.
     */
    @Test
    void onAPhoneTheHeaderIsOneLineTheFiltersFoldAndKpisPairUp() {
        for (int width : List.of(360, 390)) {
            browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                    Map.of("width", width, "height", 800, "deviceScaleFactor", 1, "mobile", true));
            browser.get(url("/dashboards/overview?sector=fire"));
            waitForCharts(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> layout = (Map<String, Object>) browser.executeScript("""
                    const top = (e) => Math.round(e.getBoundingClientRect().top);
                    const header = [document.querySelector('.app-header__brand'),
                                    ...document.querySelectorAll('.app-header__tools > *')].filter((e) => e.offsetParent);
                    const cards = [...document.querySelectorAll('#panel-hazard-kpis .kpi')].slice(0, 2);
                    const boxes = header.map((e) => e.getBoundingClientRect());
                    // one line: every item's box overlaps every other's vertically
                    const oneLine = Math.max(...boxes.map((b) => b.top)) < Math.min(...boxes.map((b) => b.bottom));
                    return { headerLines: oneLine ? 1 : 2,
                             toolsHeight: document.querySelector('.app-header__tools').getBoundingClientRect().height,
                             open: document.getElementById('filter-panel').open,
                             formShown: document.getElementById('filters').checkVisibility(),
                             summary: document.getElementById('filter-summary').textContent,
                             pairTops: new Set(cards.map(top)).size, cards: cards.length };""");
            assertThat(((Number) layout.get("headerLines")).longValue()).as("header lines at %d px", width).isEqualTo(1);
            assertThat(((Number) layout.get("toolsHeight")).doubleValue()).as("no word wraps in the header").isLessThan(40);
            assertThat(layout).containsEntry("open", false).containsEntry("formShown", false);
            assertThat((String) layout.get("summary")).contains("行业领域: 消防");
            assertThat(((Number) layout.get("cards")).longValue()).isEqualTo(2);
            assertThat(((Number) layout.get("pairTops")).longValue()).as("two KPI cards side by side").isEqualTo(1);
            assertThat(pageWidth(width)).isLessThanOrEqualTo(width);

            browser.findElement(By.cssSelector(".dash-filter__summary")).click();
            assertThat(browser.findElement(By.id("filters")).isDisplayed()).isTrue();
        }
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** A heatmap's colours follow the metric's meaning: many hazards found read warm, not calm. */
    @Test
    void aHeatmapsColourScaleFollowsWhichWayIsGood() {
        browser.get(url("/dashboards/chart-gallery"));
        waitForCharts(0);
        @SuppressWarnings("unchecked")
        List<String> colours = (List<String>) browser.executeScript("""
                const chart = echarts.getInstanceByDom(document.querySelector('#panel-heatmap .chart'));
                return chart.getOption().visualMap[0].inRange.color;""");
        assertThat(colours).as("hazards found: more is worse, so the top of the scale is red")
                .startsWith("#f7fcf5").endsWith("#d73027");
    }

    /** The month under way (the suite's day is the 15th) is shaded and named with the day its data reach. */
    @Test
    void theMonthUnderWayIsMarkedAsPartialWithTheDayItsDataReach() {
        browser.get(url("/dashboards/hazard-trends"));
        waitForCharts(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> mark = (Map<String, Object>) browser.executeScript("""
                const chart = echarts.getInstanceByDom(document.querySelector('#panel-by-sector .chart'));
                const option = chart.getOption();
                const area = option.series[0].markArea;
                const months = option.xAxis[0].data;
                const last = option.series[0].data[months.length - 1];
                return { label: area.label.formatter, month: area.data[0][0].xAxis, last: months[months.length - 1],
                         dimmed: typeof last === 'object' && last.itemStyle.opacity < 1 };""");
        assertThat(mark).containsEntry("label", "截至" + NOW.getMonthValue() + "月15日")
                .containsEntry("month", NOW.toString()).containsEntry("last", NOW.toString())
                .containsEntry("dimmed", true);
    }

    /**
     * While a month runs, a KPI card compares it with the same days of the earlier period (to the 15th a year
     * before), and a figure counted by whole months only shows no change rather than a collapse.
     */
    @Test
    void kpiCardsCompareAMonthUnderWayWithTheSameDaysBefore() {
        browser.get(url("/dashboards/inspections"));
        waitForCharts(0);
        @SuppressWarnings("unchecked")
        Map<String, Object> cards = (Map<String, Object>) browser.executeScript("""
                const change = (metric) => document.querySelector(
                    `#panel-kpis .kpi[data-metric='${metric}'] .kpi-change[data-compare='year']`);
                return { through: change('inspections').dataset.through, title: change('inspections').title,
                         withheld: change('monthly_check_compliance').dataset.withheld ?? null,
                         withheldText: change('monthly_check_compliance').textContent,
                         withheldTitle: change('monthly_check_compliance').title };""");
        String yearAgo = NOW.minusYears(1).atDay(15).toString();
        assertThat(cards).containsEntry("through", yearAgo).containsEntry("withheld", "true")
                .containsEntry("withheldText", "较去年同期 —");
        assertThat((String) cards.get("title")).endsWith("(同期截至 " + yearAgo + ")");
        assertThat((String) cards.get("withheldTitle")).contains("本月未完");
    }

    /** The reports page's own button (its script a file, not an inline handler the CSP refuses) gives the workbook. */
    @Test
    void theReportsPageButtonDownloadsTheMonthlyWorkbook() throws Exception {
        browser.get(url("/reports"));
        assertThat(browser.findElement(By.cssSelector(".app-menu [aria-current='page']")).getText()).isEqualTo("统计报表");
        String month = NOW.minusMonths(1).toString();
        assertThat(browser.findElement(By.name("period")).getDomProperty("value")).isEqualTo(month);
        browser.findElement(By.cssSelector("#monthly-report button[type=submit]")).click();

        Path workbook = new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            try (Stream<Path> files = Files.list(downloads())) {
                return files.filter(p -> p.getFileName().toString().equals("安全生产统计月报_" + month + ".xlsx"))
                        .findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        try (InputStream in = Files.newInputStream(workbook); XSSFWorkbook book = new XSSFWorkbook(in)) {
            assertThat(book.getNumberOfSheets()).isPositive();
        }
        assertThat(severeConsoleMessages()).as("console of /reports (CSP refusals show here)").isEmpty();
    }

    /** The campaign page (server-rendered, no script of its own): its matrix, and a cell leads to the rows behind it. */
    @Test
    void theCampaignPageShowsTheTaskMatrixAndACellOpensTheRowsBehindIt() {
        browser.get(url("/dashboards/campaign"));
        assertThat(browser.findElement(By.cssSelector(".app-menu [aria-current='page']")).getText()).isEqualTo("专项行动进度");
        assertThat(browser.findElements(By.cssSelector(".campaign-matrix__task"))).hasSizeGreaterThan(40);
        List<WebElement> cells = browser.findElements(By.cssSelector(".campaign-matrix__link"));
        assertThat(cells).isNotEmpty();
        assertThat(severeConsoleMessages()).as("console of /dashboards/campaign").isEmpty();
        String href = cells.get(0).getDomAttribute("href");
        browser.get(url(href));
        waitForCharts(0);
        assertThat(browser.getCurrentUrl()).contains("/dashboards/campaign-ledgers?");
        assertThat(browser.findElements(By.cssSelector(".panel[data-state='error']"))).isEmpty();
        assertThat(severeConsoleMessages()).as("console of " + href).isEmpty();
    }

    private static Path downloads() {
        Path folder = work.resolve("downloads");
        try {
            return Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void homeOpensTheHomeDashboardAndHazardTrendsShowsTheWarehouseNumbersWithAriaDescriptions() {
        browser.get(url("/"));
        waitForCharts(0);
        assertThat(browser.getCurrentUrl()).endsWith("/dashboards/" + properties.home());

        browser.get(url("/dashboards/hazard-trends"));
        waitForCharts(0);
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("隐患趋势");
        long lastTwelveMonths = count(NOW.minusMonths(11), NOW, null, null);
        assertThat(lastTwelveMonths).isPositive();
        assertThat(seriesTotal("by-sector")).isEqualTo(lastTwelveMonths);
        assertThat(browser.findElement(By.cssSelector("#panel-total .kpi-value")).getText().replace(",", ""))
                .isEqualTo(String.valueOf(lastTwelveMonths));
        assertThat(legendNames("by-sector")).startsWith("消防", "道路交通", "城镇燃气", "自建房", "森林防火");
        assertThat((Boolean) browser.executeScript("const aria = echarts.getInstanceByDom("
                + "document.querySelector('#panel-by-sector .chart')).getOption().aria;"
                + "return (Array.isArray(aria) ? aria[0] : aria).enabled")).isTrue();
        assertThat(browser.findElement(By.cssSelector(".app-menu [aria-current='page']")).getText())
                .isEqualTo("隐患趋势");
        assertThat(browser.findElements(By.cssSelector(".app-menu [data-nav-id='village']")))
                .as("drill targets are not in the navigation").isEmpty();
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void kpiCardsCompareWithThePreviousPeriodAndLastYearColouredByWhetherMoreIsWorse() {
        browser.get(url("/dashboards/hazard-trends?from=" + NOW.minusMonths(2) + "&to=" + NOW));
        waitForCharts(0);

        long current = count(NOW.minusMonths(2), NOW, null, null);
        long previous = count(NOW.minusMonths(5), NOW.minusMonths(3), null, null);
        WebElement change = browser.findElement(By.cssSelector("#panel-total .kpi-change[data-compare='previous']"));
        String expected = current > previous ? "up" : current < previous ? "down" : "flat";
        assertThat(change.getDomAttribute("data-direction")).isEqualTo(expected);
        assertThat(change.getDomAttribute("data-verdict"))
                .isEqualTo(switch (expected) { case "up" -> "worse"; case "down" -> "better"; default -> "same"; });
        assertThat(change.getText()).startsWith("较上期").contains(expected.equals("up") ? "↑" : expected.equals("down") ? "↓" : "→");
        assertThat(browser.findElement(By.cssSelector("#panel-total .kpi-change[data-compare='year']")).getText())
                .startsWith("较去年同期");
        assertThat(browser.findElement(By.cssSelector("#panel-total .kpi-spark canvas")).isDisplayed()).isTrue();

        // over twelve months the previous period is the same period last year: one comparison, not the same twice
        browser.get(url("/dashboards/hazard-trends"));
        waitForCharts(0);
        assertThat(browser.findElements(By.cssSelector("#panel-total .kpi-change[data-compare='previous']"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#panel-total .kpi-change[data-compare='year']")).getText())
                .startsWith("较去年同期");
    }

    @Test
    void changingAFilterRewritesTheUrlAndTheDataAndReloadAndBackKeepIt() {
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
        assertThat(new Select(browser.findElement(By.name("sector"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("fire");
        assertThat(seriesTotal("by-sector")).isEqualTo(fire);

        String village = busiestVillage();
        new Select(browser.findElement(By.name("village"))).selectByValue(village);
        generation = waitForCharts(generation);
        assertThat(browser.getCurrentUrl()).contains("sector=fire").contains("village=" + village);
        assertThat(seriesTotal("by-sector")).isEqualTo(count(NOW.minusMonths(11), NOW, "fire", village));

        browser.navigate().back();
        waitForCharts(generation);
        assertThat(browser.getCurrentUrl()).doesNotContain("village=");
        assertThat(seriesTotal("by-sector")).isEqualTo(fire);
        assertThat(severeConsoleMessages()).isEmpty();
    }

    /** The month fields are worded like the page (a browser's own month input speaks the browser's language). */
    @Test
    void monthFieldsFollowThePagesLanguage() {
        browser.get(url("/dashboards/hazard-trends?lang=en&from=2025-03"));
        long generation = waitForCharts(0);
        Select year = new Select(browser.findElement(By.cssSelector("input[name=from] + .month-field .month-field__year")));
        Select month = new Select(browser.findElement(By.cssSelector("input[name=from] + .month-field .month-field__month")));
        assertThat(year.getFirstSelectedOption().getText()).isEqualTo("2025");
        assertThat(month.getFirstSelectedOption().getText()).isEqualTo("Mar");

        month.selectByVisibleText("May");
        generation = waitForCharts(generation);
        assertThat(browser.getCurrentUrl()).contains("from=2025-05").contains("lang=en");

        browser.findElement(By.cssSelector("[data-quick='year']")).click();
        waitForCharts(generation);
        assertThat(month.getFirstSelectedOption().getText()).as("a quick pick shows in the fields").isEqualTo("Jan");
        assertThat(year.getFirstSelectedOption().getText()).isEqualTo(String.valueOf(NOW.getYear()));

        browser.get(url("/dashboards/hazard-trends?from=2025-03"));
        waitForCharts(0);
        assertThat(new Select(browser.findElement(By.cssSelector("input[name=from] + .month-field .month-field__month")))
                .getFirstSelectedOption().getText()).isEqualTo("3月");
        assertThat(new Select(browser.findElement(By.cssSelector("input[name=from] + .month-field .month-field__year")))
                .getFirstSelectedOption().getText()).isEqualTo("2025年");
    }

    @Test
    void quickPicksSetTheRangeInTheUrlByNameEvenWhenItEqualsTheDefault() {
        browser.get(url("/dashboards/hazard-trends"));
        long generation = waitForCharts(0);

        browser.findElement(By.cssSelector("[data-quick='year']")).click();
        generation = waitForCharts(generation);

        String firstMonth = NOW.getYear() + "-01";
        assertThat(browser.getCurrentUrl()).contains("range=year").doesNotContain("from=");
        assertThat(browser.findElement(By.name("from")).getDomProperty("value")).isEqualTo(firstMonth);
        assertThat(browser.findElement(By.name("to")).getDomProperty("value")).isEqualTo(NOW.toString());
        assertThat(browser.findElement(By.cssSelector("[data-quick='year']")).getDomAttribute("aria-pressed"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("#panel-total .kpi-value")).getText().replace(",", ""))
                .isEqualTo(String.valueOf(count(YearMonth.of(NOW.getYear(), 1), NOW, null, null)));

        // 近12个月 is the default range, and still a choice the link must keep (in December 本年 equals it too)
        browser.findElement(By.cssSelector("[data-quick='last12']")).click();
        generation = waitForCharts(generation);
        assertThat(browser.getCurrentUrl()).contains("range=last12");
        assertThat(browser.findElement(By.cssSelector("[data-quick='last12']")).getDomAttribute("aria-pressed"))
                .isEqualTo("true");
        assertThat(browser.findElement(By.cssSelector("[data-quick='year']")).getDomAttribute("aria-pressed"))
                .isEqualTo("false");

        // reloading keeps the pick, and choosing another filter keeps it too
        browser.navigate().refresh();
        generation = waitForCharts(0);
        new Select(browser.findElement(By.name("sector"))).selectByValue("fire");
        generation = waitForCharts(generation);
        assertThat(browser.getCurrentUrl()).contains("range=last12").contains("sector=fire");
    }

    @Test
    void choosingATownNarrowsTheVillagesAndFiltersTheCharts() {
        browser.get(url("/dashboards/hazard-trends"));
        long generation = waitForCharts(0);
        String town = jdbc.queryForObject("SELECT min(region_code) FROM dim_region WHERE region_level = 'town'",
                String.class);
        long villagesOfTown = jdbc.queryForObject("""
                SELECT count(*) FROM dim_region WHERE region_level = 'village' AND coalesce(town_code, parent_code) = ?""",
                Long.class, town);

        new Select(browser.findElement(By.name("town"))).selectByValue(town);
        waitForCharts(generation);

        assertThat(browser.getCurrentUrl()).contains("town=" + town);
        assertThat(new Select(browser.findElement(By.name("village"))).getOptions()).hasSize((int) villagesOfTown + 1);
        assertThat(seriesTotal("by-sector")).isEqualTo(count(NOW.minusMonths(11), NOW, null, null));
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void aVillageBarDrillsToTheVillagePageWhoseBreadcrumbsLeadBackWithTheFiltersKept() throws IOException {
        browser.get(url("/dashboards/hazard-trends?sector=fire"));
        waitForCharts(0);
        WebElement chart = browser.findElement(By.cssSelector("#panel-villages .chart"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", chart);
        @SuppressWarnings("unchecked")
        Map<String, Object> bar = (Map<String, Object>) browser.executeScript("""
                const element = arguments[0];
                const chart = echarts.getInstanceByDom(element);
                const value = chart.getOption().series[0].data[0];
                const [x, y] = chart.convertToPixel({ seriesIndex: 0 }, [value / 2, 0]);
                return { x: Math.round(x - element.clientWidth / 2), y: Math.round(y - element.clientHeight / 2),
                         code: JSON.parse(element.dataset.codes)[0],
                         name: chart.getOption().yAxis[0].data[0] };""", chart);

        new Actions(browser).moveToElement(chart, ((Number) bar.get("x")).intValue(), ((Number) bar.get("y")).intValue())
                .click().perform();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/dashboards/village"));
        waitForCharts(0);

        assertThat(browser.getCurrentUrl()).contains("village=" + bar.get("code")).contains("sector=fire")
                .contains("via=hazard-trends");
        List<String> crumbs = browser.findElements(By.cssSelector("#breadcrumbs li")).stream()
                .map(WebElement::getText).toList();
        assertThat(crumbs).endsWith("隐患趋势", (String) bar.get("name"));
        assertThat(browser.findElement(By.cssSelector("#breadcrumbs [aria-current='page']")).getText())
                .isEqualTo(bar.get("name"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains((String) bar.get("name"));
        // the village page's first key figure is hazards found
        assertThat(browser.findElement(By.cssSelector("#panel-kpis .kpi-value")).getText().replace(",", ""))
                .isEqualTo(String.valueOf(count(NOW.minusMonths(11), NOW, "fire", (String) bar.get("code"))));
        assertThat(severeConsoleMessages()).isEmpty();
        screenshot("village-drill.png");

        browser.findElement(By.xpath("//*[@id='breadcrumbs']//a[normalize-space()='隐患趋势']")).click();
        waitForCharts(0);
        assertThat(browser.getCurrentUrl()).contains("/dashboards/hazard-trends").contains("sector=fire")
                .doesNotContain("village=").doesNotContain("via=");
    }

    @Test
    void heatmapCellsAndTableLinksDrillToTheVillageAndTableHeadingsSort() {
        browser.get(url("/dashboards/chart-gallery"));
        waitForCharts(0);

        List<WebElement> links = browser.findElements(By.cssSelector("#panel-table a[data-drill='village']"));
        assertThat(links).isNotEmpty();
        assertThat(links.get(0).getDomAttribute("href")).startsWith("/dashboards/village?")
                .contains("village=" + links.get(0).getDomAttribute("data-code")).contains("via=chart-gallery");

        WebElement metricHeading = browser.findElement(By.cssSelector("#panel-table thead th.data-table__cell--metric button"));
        metricHeading.click();
        assertThat(browser.findElement(By.cssSelector("#panel-table thead th.data-table__cell--metric")).getDomAttribute("aria-sort"))
                .isEqualTo("descending");
        List<Long> values = tableColumn();
        assertThat(values).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        browser.findElement(By.cssSelector("#panel-table thead th.data-table__cell--metric button")).click();
        assertThat(tableColumn()).isSorted();

        WebElement heatmap = browser.findElement(By.cssSelector("#panel-heatmap .chart"));
        browser.executeScript("arguments[0].scrollIntoView({block: 'center'})", heatmap);
        @SuppressWarnings("unchecked")
        Map<String, Object> cell = (Map<String, Object>) browser.executeScript("""
                const element = arguments[0];
                const chart = echarts.getInstanceByDom(element);
                const [x, y] = chart.getOption().series[0].data[0];
                const [px, py] = chart.convertToPixel({ seriesIndex: 0 }, [x, y]);
                return { x: Math.round(px - element.clientWidth / 2), y: Math.round(py - element.clientHeight / 2) };""",
                heatmap);
        new Actions(browser).moveToElement(heatmap, ((Number) cell.get("x")).intValue(), ((Number) cell.get("y")).intValue())
                .click().perform();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/dashboards/village?"));
        assertThat(browser.getCurrentUrl()).contains("via=chart-gallery");
        waitForCharts(0);
        assertThat(browser.findElements(By.cssSelector("#breadcrumbs li")).stream().map(WebElement::getText))
                .contains("图表样例").last().isNotEqualTo("图表样例");
    }

    @Test
    void anEmptyRangeShowsNoDataInsteadOfCharts() {
        browser.get(url("/dashboards/hazard-trends?from=2016-01&to=2016-12"));
        waitForCharts(0);

        assertThat(browser.findElement(By.cssSelector("#panel-by-sector")).getDomAttribute("data-state"))
                .isEqualTo("empty");
        // it says why: nothing in the range, and which months have data
        String months = jdbc.queryForObject("SELECT strftime(min(found_date), '%Y-%m') || ' 至 '"
                + " || strftime(max(found_date), '%Y-%m') FROM fact_hazard", String.class);
        assertThat(browser.findElement(By.cssSelector("#panel-by-sector .state")).getText())
                .isEqualTo("无数据: 所选时间范围内没有数据 (有数据的月份：" + months + ")");
        assertThat(browser.findElement(By.cssSelector("#panel-villages .state")).getText())
                .isEqualTo("无数据: 所选时间范围内没有数据 (有数据的月份：" + months + ")");
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void theDarkThemeIsOneClickAwayAndStaysAfterReload() throws IOException {
        browser.get(url("/dashboards/hazard-trends"));
        waitForCharts(0);

        browser.findElement(By.id("theme-toggle")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> "dark".equals(d.findElement(By.tagName("html")).getDomAttribute("data-theme")));
        waitForCharts(0);
        assertThat(browser.getCurrentUrl()).contains("theme=dark");
        assertThat(browser.findElement(By.cssSelector("#panel-by-sector .chart")).getDomAttribute("data-theme"))
                .isEqualTo("dark");
        screenshot("hazard-trends-dark.png");

        browser.navigate().refresh();
        waitForCharts(0);
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("data-theme")).isEqualTo("dark");
        assertThat(browser.findElement(By.id("theme-toggle")).getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void aMalformedMonthInTheUrlIsReportedAtItsField() {
        browser.get(url("/dashboards/hazard-trends?from=2024-13"));
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> "error".equals(d.findElement(By.id("dashboard")).getDomAttribute("data-state")));

        assertThat(browser.findElement(By.id("filter-error")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("filter-error")).getText()).contains("from");
        assertThat(browser.findElement(By.name("from")).getDomAttribute("aria-invalid")).isEqualTo("true");
    }

    @Test
    void englishIsOneParameterAwayAndSurvivesFilterChangesAndNavigation() {
        browser.get(url("/dashboards/hazard-trends?lang=en"));
        long generation = waitForCharts(0);

        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Hazard trends");
        assertThat(legendNames("by-sector")).startsWith("Fire", "Road traffic");

        new Select(browser.findElement(By.name("sector"))).selectByValue("forest_fire");
        waitForCharts(generation);
        assertThat(browser.getCurrentUrl()).contains("lang=en").contains("sector=forest_fire");
        assertThat(legendNames("by-sector")).containsExactly("Forest fire");
        assertThat(browser.findElement(By.cssSelector(".app-menu a")).getDomAttribute("href"))
                .contains("lang=en").contains("sector=forest_fire");
        assertThat(browser.findElement(By.id("lang-switch")).getDomAttribute("href"))
                .doesNotContain("lang=").contains("sector=forest_fire");
        assertThat(severeConsoleMessages()).isEmpty();
    }

    @Test
    void anUnknownDashboardGetsAChineseNotFoundPage() {
        browser.get(url("/dashboards/no-such-dashboard"));

        assertThat(browser.getTitle()).contains("页面不存在");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("页面不存在");
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        // the browser's session: the API answers signed-in users only
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Cookie", "JSESSIONID=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private boolean hasEnterpriseHazards() {
        return jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE enterprise_code IS NOT NULL",
                Long.class) > 0;
    }

    /** The query a drill target needs: the village (or enterprise) with the most hazards. */
    private String subjectOf(String dashboard) {
        return switch (dashboard) {
            case "village" -> "?village=" + busiestVillage();
            case "enterprise" -> {
                List<String> codes = jdbc.queryForList("""
                        SELECT enterprise_code FROM fact_hazard WHERE enterprise_code IS NOT NULL
                        GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""", String.class);
                Assumptions.assumeFalse(codes.isEmpty(), "no hazard with an enterprise in this warehouse");
                yield "?enterprise=" + codes.get(0);
            }
            default -> "";
        };
    }

    private String busiestVillage() {
        return jdbc.queryForObject("""
                SELECT region_code FROM fact_hazard WHERE sector_code = 'fire'
                GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1""", String.class);
    }

    private static void phone() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 390, "height", 844, "deviceScaleFactor", 1, "mobile", true));
    }

    private static long pageWidth() {
        return pageWidth(390);
    }

    private static long pageWidth(int viewport) {
        assertThat(((Number) browser.executeScript("return window.innerWidth")).intValue()).isEqualTo(viewport);
        return ((Number) browser.executeScript("return document.documentElement.scrollWidth")).longValue();
    }

    /** Waits until the page has drawn a load newer than {@code after}; returns that load's generation. */
    private static long waitForCharts(long after) {
        return new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            Number generation = (Number) browser.executeScript(DRAWN_GENERATION);
            return generation != null && generation.longValue() > after ? generation.longValue() : null;
        });
    }

    private static long seriesTotal(String panel) {
        return ((Number) browser.executeScript(SERIES_TOTAL, panel)).longValue();
    }

    @SuppressWarnings("unchecked")
    private static List<String> legendNames(String panel) {
        return (List<String>) browser.executeScript("return echarts.getInstanceByDom(document.querySelector("
                + "'#panel-' + arguments[0] + ' .chart')).getOption().series.map(s => s.name)", panel);
    }

    private static List<Long> tableColumn() {
        return browser.findElements(By.cssSelector("#panel-table tbody td.data-table__cell--metric")).stream()
                .map(cell -> Long.parseLong(cell.getText().replace(",", ""))).toList();
    }

    private static List<String> severeConsoleMessages() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .toList();
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File file = browser.getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    /** The whole page, not only the viewport, so a reviewer sees every panel at phone width. */
    private static void fullPageScreenshot(String name) throws IOException {
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
