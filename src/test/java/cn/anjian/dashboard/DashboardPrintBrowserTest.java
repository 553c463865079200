package cn.anjian.dashboard;

import cn.anjian.HeadlessChromium;

import java.awt.geom.Rectangle2D;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.PrintsPage;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PageSize;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

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
import static org.assertj.core.api.Assertions.within;

/**
 * The overview dashboard printed to PDF by headless Chromium, as "print → save as PDF" does: A4 landscape, the title,
 * the filters and the as-of date at the top, every panel and chart on paper, none cut at the edge of its box or split
 * across pages. The page is first laid out for print at the paper's width (emulated print media) to measure panels
 * and charts; the PDF is then read back with PDFBox: its text, what it paints past a clip (a chart cut off) and the
 * ink in every chart's box, found from its panel's printed title. Writes {@code target/print/overview.pdf} and a PNG
 * of each page for a human to look at. Same warehouse, user and browser set-up as {@link DashboardBrowserTest};
 * skipped where Chromium is missing, failing in CI.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "browserAvailable",
        disabledReason = "Chromium not installed (apt-get install chromium chromium-driver fonts-noto-cjk); "
                + "skipped because CI is unset")
class DashboardPrintBrowserTest {

    private static final Path OUT = Path.of("target", "print");
    /** {@code -Danjian.browser-test.demo-scale=0.2} prints the demo town instead of the small fixture. */
    private static final String DEMO_SCALE = System.getProperty("anjian.browser-test.demo-scale");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** This month by the application's clock (the suite runs on {@code anjian.today}), set before the tests. */
    private static YearMonth NOW;
    private static LocalDate TODAY;

    /** A4 landscape in points, and its width in CSS pixels (96 per inch) less print.css's 10 mm side margins. */
    private static final float A4_LONG_PT = 841.89f;
    private static final float A4_SHORT_PT = 595.28f;
    private static final int PRINTABLE_WIDTH_PX = (int) Math.floor((297 - 20) / 25.4 * 96);
    /** The printable height less print.css's 10 mm top and 12 mm bottom margins: a taller panel cannot stay whole. */
    private static final int PRINTABLE_HEIGHT_PX = (int) Math.floor((210 - 22) / 25.4 * 96);
    private static final double PT_PER_PX = 72.0 / 96;
    /** Painting may reach this far past its clip (anti-aliasing, a glyph box estimated from the font size). */
    private static final double CUT_TOLERANCE_PT = 2;
    /** A chart's box on paper is looked at this far inside its edges, clear of its neighbours. */
    private static final double INSET_PT = 0.5;
    /** A chart with a line or a bar has at least this share of its box in ink; a blank box has none. */
    private static final double MIN_INK = 0.005;

    /**
     * Every panel as laid out now: its box, break rule and title (the start and baseline of its text, the anchor for
     * finding the panel in the PDF), and the box and break rule of each drawn chart in it.
     */
    private static final String LAYOUT = """
            const box = (r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom,
                                  width: r.width, height: r.height });
            const baseline = (element) => {
              const probe = document.createElement('span');
              probe.style.cssText = 'display: inline-block; width: 0; height: 0; vertical-align: baseline';
              element.append(probe);
              const y = probe.getBoundingClientRect().bottom;
              probe.remove();
              return y;
            };
            return [...document.querySelectorAll('#panels > .panel')].map((panel) => {
              const title = panel.querySelector('h2');
              const text = document.createRange();
              text.selectNodeContents(title);
              return {
                id: panel.dataset.panel,
                title: title.textContent,
                titleLeft: text.getBoundingClientRect().left,
                titleBaseline: baseline(title),
                breakInside: getComputedStyle(panel).breakInside,
                box: box(panel.getBoundingClientRect()),
                charts: [...panel.querySelectorAll('.chart')]
                  .filter((c) => echarts.getInstanceByDom(c) && c.querySelector('canvas'))
                  .map((c) => ({ box: box(c.getBoundingClientRect()), breakInside: getComputedStyle(c).breakInside })),
              };
            });""";

    @TempDir
    static Path work;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> work.resolve("print-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.etl.work-dir", () -> work.resolve("etl").toString());
        if (DEMO_SCALE != null) {
            registry.add("anjian.demo.enabled", () -> "true");
            registry.add("anjian.demo.scale", () -> DEMO_SCALE);
            registry.add("anjian.demo.folder", () -> work.resolve("demo-ledgers").toString());
        }
    }

    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JsonMapper json;

    static boolean browserAvailable() {
        return HeadlessChromium.available();
    }

    @BeforeAll
    static void fillAndStartBrowser(@Autowired Clock clock, @Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts,
                                    @Autowired UserAccounts accounts, @Value("${local.server.port}") int port) {
        NOW = YearMonth.now(clock);
        TODAY = LocalDate.now(clock);
        if (DEMO_SCALE == null) {
            HazardFixture.insert(jdbc, NOW);
            marts.refresh();
        }
        browser = HeadlessChromium.start(HeadlessChromium.options());
        TestLogins.signInAsNewAdmin(browser, "http://localhost:" + port, accounts, "print-admin", "打印测试");
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void theOverviewPrintsOnA4LandscapeWithItsFiltersAndAsOfDateAndEveryChartWhole() throws Exception {
        JsonNode definition = getJson("/api/dashboards/overview");
        browser.get(url("/dashboards/overview?sector=fire"));
        waitForCharts();
        long onScreen = ((Number) browser.executeScript("return [...document.querySelectorAll('#panels .chart')]"
                + ".filter((c) => echarts.getInstanceByDom(c) && c.querySelector('canvas')).length")).longValue();
        List<Panel> panels = printLayout();
        screenLayoutAgain();

        PrintOptions options = new PrintOptions();
        options.setOrientation(PrintOptions.Orientation.LANDSCAPE);
        options.setPageSize(PageSize.ISO_A4);
        options.setBackground(true);
        options.setShrinkToFit(false);
        PrintedPdf pdf = new PrintedPdf(Base64.getDecoder().decode(((PrintsPage) browser).print(options).getContent()));
        pdf.save(OUT.resolve("overview.pdf"), "overview-page", 60);

        assertThat(pdf.pageSizes()).as("pages").isNotEmpty().allSatisfy(size -> {
            assertThat(size.getWidth()).as("page width").isCloseTo(A4_LONG_PT, within(3f));
            assertThat(size.getHeight()).as("page height").isCloseTo(A4_SHORT_PT, within(3f));
        });

        String text = pdf.textWithoutWhitespace();
        assertThat(text).contains(definition.get("title").get("zh").asString());
        for (JsonNode panel : definition.get("panels")) {
            assertThat(text).as("panel titles").contains(panel.get("title").get("zh").asString());
        }
        assertThat(text).as("filters and as-of date at the top")
                .contains("时间范围:" + NOW.minusMonths(11) + "至" + NOW)
                .contains("行业领域:消防")
                .contains("村(社区):全部")
                .contains("数据截至:" + TODAY);

        assertThat(panels).hasSize(definition.get("panels").size());
        assertThat(panels.stream().mapToLong(p -> p.charts().size()).sum()).as("charts laid out for print")
                .isEqualTo(onScreen).isGreaterThanOrEqualTo(panels.size());
        assertLaidOutForPaper(panels);
        assertEveryChartWholeOnPaper(pdf, panels);
    }

    /** No panel or chart may split across pages, be wider than the paper or (a panel) taller than a page. */
    private static void assertLaidOutForPaper(List<Panel> panels) {
        for (Panel panel : panels) {
            assertThat(panel.breakInside()).as("break-inside of panel %s", panel.id()).isEqualTo("avoid");
            assertThat(panel.box().right()).as("right edge of panel %s", panel.id())
                    .isLessThanOrEqualTo(PRINTABLE_WIDTH_PX);
            assertThat(panel.box().height()).as("height of panel %s", panel.id())
                    .isLessThanOrEqualTo(PRINTABLE_HEIGHT_PX);
            for (Chart chart : panel.charts()) {
                assertThat(chart.breakInside()).as("break-inside of a chart of %s", panel.id()).isEqualTo("avoid");
                assertThat(chart.box().right()).as("right edge of a chart of %s", panel.id())
                        .isLessThanOrEqualTo(panel.box().right());
            }
        }
    }

    /** On paper nothing is painted past the box it is clipped to (a chart cut off), and every chart's box has ink. */
    private static void assertEveryChartWholeOnPaper(PrintedPdf pdf, List<Panel> panels) {
        assertThat(pdf.paintings()).as("paintings cut off at the edge of their box (points past it)")
                .allSatisfy(p -> assertThat(p.past()).as("%s", p).isLessThanOrEqualTo(CUT_TOLERANCE_PT));
        for (Panel panel : panels) {
            PrintedPdf.Place title = pdf.find(panel.title())
                    .orElseThrow(() -> new AssertionError("title of panel " + panel.id() + " not in the PDF"));
            for (Chart chart : panel.charts()) {
                // the chart's box on its panel's page, placed from the panel's printed title as on the laid-out page
                Rectangle2D onPaper = new Rectangle2D.Double(
                        title.x() + (chart.box().left() - panel.titleLeft()) * PT_PER_PX + INSET_PT,
                        title.y() + (chart.box().top() - panel.titleBaseline()) * PT_PER_PX + INSET_PT,
                        chart.box().width() * PT_PER_PX - 2 * INSET_PT, chart.box().height() * PT_PER_PX - 2 * INSET_PT);
                assertThat(pdf.ink(title.page(), onPaper)).as("ink in a chart of %s at %s on page %d", panel.id(),
                        onPaper, title.page()).isGreaterThan(MIN_INK);
            }
        }
    }

    /**
     * Lays the page out as print does (print media, the paper's printable width, no scroll bar) and measures it.
     * Heights are not those of paper pages, so only widths, heights and break rules are compared.
     */
    @SuppressWarnings("unchecked")
    private List<Panel> printLayout() {
        browser.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", PRINTABLE_WIDTH_PX, "height", PRINTABLE_HEIGHT_PX, "deviceScaleFactor", 1,
                        "mobile", false));
        browser.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", true));
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> Boolean.TRUE.equals(browser.executeScript("return matchMedia('print').matches")));
        List<Map<String, Object>> panels = (List<Map<String, Object>>) browser.executeScript(LAYOUT);
        return panels.stream().map(p -> new Panel((String) p.get("id"), (String) p.get("title"),
                ((Number) p.get("titleLeft")).doubleValue(), ((Number) p.get("titleBaseline")).doubleValue(),
                (String) p.get("breakInside"), Box.of(p.get("box")),
                ((List<Map<String, Object>>) p.get("charts")).stream()
                        .map(c -> new Chart(Box.of(c.get("box")), (String) c.get("breakInside"))).toList()))
                .toList();
    }

    /** A panel laid out for print; the start and baseline of its title's text in CSS pixels, like its {@link Box}. */
    private record Panel(String id, String title, double titleLeft, double titleBaseline, String breakInside, Box box,
                         List<Chart> charts) {
    }

    private record Chart(Box box, String breakInside) {
    }

    /** A box in CSS pixels from the viewport's top left; only distances between boxes are used. */
    private record Box(double left, double top, double right, double width, double height) {

        @SuppressWarnings("unchecked")
        static Box of(Object measured) {
            Map<String, Number> box = (Map<String, Number>) measured;
            return new Box(box.get("left").doubleValue(), box.get("top").doubleValue(),
                    box.get("right").doubleValue(), box.get("width").doubleValue(), box.get("height").doubleValue());
        }
    }

    private static void screenLayoutAgain() {
        browser.executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        browser.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        browser.executeCdpCommand("Emulation.setScrollbarsHidden", Map.of("hidden", false));
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private JsonNode getJson(String path) throws IOException, InterruptedException {
        String session = browser.manage().getCookieNamed("JSESSIONID").getValue();
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(url(path)))
                        .header("Cookie", "JSESSIONID=" + session).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static void waitForCharts() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            Number generation = (Number) browser.executeScript(DashboardBrowserTest.DRAWN_GENERATION);
            return generation != null && generation.longValue() > 0;
        });
    }
}
