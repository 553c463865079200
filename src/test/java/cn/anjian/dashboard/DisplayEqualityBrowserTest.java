package cn.anjian.dashboard;

import cn.anjian.HeadlessChromium;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import cn.anjian.security.TestLogins;
import cn.anjian.security.UserAccounts;
import cn.anjian.semantic.Catalog;
import cn.anjian.semantic.Display;
import cn.anjian.semantic.HazardFixture;
import cn.anjian.semantic.Metric;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One number, one answer (issue #13): for every panel of every dashboard the app lists, what the page shows is what
 * its CSV and XLSX downloads hold. The page's text comes from the page itself: the KPI cards and table cells as drawn,
 * and, for charts (canvas), the real {@code charts.js} {@code number()} every label and tooltip uses, run in the
 * browser over the panel data. The CSV cell must be that text without thousands separators (a ratio under a
 * {@code (%)} header in percent), the XLSX cell a number whose format is the catalogue's and shows that text.
 * On the small {@link HazardFixture}; Chromium as in {@link DashboardBrowserTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "browserAvailable", disabledReason = "Chromium not installed; skipped because CI is unset")
class DisplayEqualityBrowserTest {

    /** In the signed-in page: the panel data, both downloads and the page's own text of every panel. */
    private static final String COLLECT = """
            const [id, query, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
            (async () => {
              const { number } = await import('/js/charts.js');
              const ctx = { lang: document.documentElement.lang === 'en' ? 'en' : 'zh' };
              const def = await (await fetch('/api/dashboards/' + id)).json();
              const panels = [];
              for (const p of def.panels) {
                const data = await (await fetch(p.data + query)).json();
                const base = '/api/dashboards/' + id + '/panels/' + p.id + '/export.';
                const csv = await (await fetch(base + 'csv' + query)).text();
                const bytes = new Uint8Array(await (await fetch(base + 'xlsx' + query)).arrayBuffer());
                let binary = '';
                bytes.forEach((b) => { binary += String.fromCharCode(b); });
                const shown = data.rows.map((row) => row.map((v, i) =>
                    data.columns[i].decimals != null ? number(v, ctx, data.columns[i]) : null));
                const section = document.getElementById('panel-' + p.id);
                const kpis = {};
                section.querySelectorAll('.kpi[data-metric]').forEach((card) => {
                  kpis[card.dataset.metric] = card.querySelector('.kpi-value').textContent;
                });
                const table = [...section.querySelectorAll('tbody tr')]
                    .map((tr) => [...tr.querySelectorAll('th, td')].map((cell) => cell.textContent));
                panels.push({ id: p.id, chart: p.chart, columns: data.columns, rows: data.rows, shown, csv,
                              xlsx: btoa(binary), kpis, table });
              }
              return panels;
            })().then((panels) => done(JSON.stringify(panels)), (e) => done('ERROR ' + e));""";

    @TempDir
    static Path work;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> work.resolve("display-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.etl.work-dir", () -> work.resolve("etl").toString());
        registry.add("anjian.demo.enabled", () -> "false");
    }

    static ChromeDriver browser;

    @Value("${local.server.port}")
    int port;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DashboardService dashboards;

    static boolean browserAvailable() {
        return HeadlessChromium.available();
    }

    @BeforeAll
    static void fillAndStartBrowser(@Autowired Clock clock, @Autowired JdbcTemplate jdbc,
                                    @Autowired MartRefresher marts, @Autowired UserAccounts accounts,
                                    @Value("${local.server.port}") int port) {
        HazardFixture.insert(jdbc, YearMonth.now(clock));
        marts.refresh();
        browser = HeadlessChromium.start(HeadlessChromium.options());
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        TestLogins.signInAsNewAdmin(browser, "http://localhost:" + port, accounts, "display-admin", "显示测试");
    }

    @AfterAll
    static void quitBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** One test per dashboard the app lists, so a dashboard added later is covered without touching this class. */
    @TestFactory
    Stream<DynamicTest> everyPanelShowsOnThePageWhatItsCsvAndXlsxHold() {
        return dashboards.all().stream().map(d -> DynamicTest.dynamicTest(d.id(), () -> {
            String query = subject(d);
            browser.get("http://localhost:" + port + "/dashboards/" + d.id() + query);
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> {
                Number generation = (Number) browser.executeScript(DashboardBrowserTest.DRAWN_GENERATION);
                return generation != null && generation.longValue() >= 0;
            });
            String collected = (String) browser.executeAsyncScript(COLLECT, d.id(), query);
            assertThat(collected).as("collecting %s in the page", d.id()).doesNotStartWith("ERROR");
            JsonNode panels = json.readTree(collected);
            assertThat(panels.size()).isEqualTo(d.panels().size());
            int numbers = 0;
            for (JsonNode panel : panels) {
                numbers += checkPanel(d.id() + "/" + panel.get("id").asString(), panel);
            }
            if (panels.valueStream().anyMatch(p -> !p.get("rows").isEmpty())) {
                assertThat(numbers).as("numbers compared on %s", d.id()).isPositive();
            }
        }));
    }

    /** The page, CSV and XLSX agree on every number of one panel; returns how many numbers were compared. */
    private int checkPanel(String name, JsonNode panel) throws Exception {
        JsonNode columns = panel.get("columns");
        JsonNode rows = panel.get("rows");
        JsonNode shown = panel.get("shown");
        List<CSVRecord> csv = CSVFormat.RFC4180.parse(new StringReader(panel.get("csv").asString()
                .replace("\uFEFF", ""))).getRecords();
        byte[] xlsxBytes = Base64.getDecoder().decode(panel.get("xlsx").asString());
        assertThat(csv).as("%s: CSV rows", name).hasSize(rows.size() + 1);
        int compared = 0;
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsxBytes))) {
            Sheet sheet = book.getSheetAt(0);
            DataFormatter formatter = new DataFormatter();
            for (int c = 0; c < columns.size(); c++) {
                JsonNode column = columns.get(c);
                String id = column.get("id").asString();
                if ("metric".equals(column.get("kind").asString())) {
                    Metric metric = catalog.metric(id).orElseThrow();
                    assertThat(column.get("decimals").asInt()).as("%s: decimals of %s", name, id)
                            .isEqualTo(metric.display().decimals());
                    assertThat(column.get("format").asString()).isEqualTo(metric.format().code());
                    String unit = metric.unit().zh();
                    assertThat(csv.get(0).get(c)).isEqualTo(metric.label().zh() + (unit.isEmpty() ? "" : "(" + unit + ")"));
                }
                if (column.get("decimals") == null || column.get("decimals").isNull()) {
                    continue;
                }
                Display display = display(column);
                for (int r = 0; r < rows.size(); r++) {
                    String page = shown.get(r).get(c).asString();
                    String where = name + " row " + r + " " + id + " = " + rows.get(r).get(c);
                    Cell cell = sheet.getRow(r + 1) == null ? null : sheet.getRow(r + 1).getCell(c);
                    if (rows.get(r).get(c).isNull()) {
                        assertThat(page).as(where).isEqualTo("—");
                        assertThat(csv.get(r + 1).get(c)).as(where).isEmpty();
                        assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(where).isTrue();
                        continue;
                    }
                    assertThat(page).as(where).matches("-?[\\d,]+" + (display.decimals() == 0 ? ""
                            : "\\.\\d{" + display.decimals() + "}"));
                    assertThat(csv.get(r + 1).get(c)).as("CSV " + where).isEqualTo(page.replace(",", ""));
                    assertThat(cell.getCellType()).as("XLSX " + where).isEqualTo(CellType.NUMERIC);
                    assertThat(cell.getCellStyle().getDataFormatString()).as("XLSX format " + where)
                            .isEqualTo(display.excelFormat());
                    assertThat(formatter.formatCellValue(cell).replace("%", "")).as("XLSX " + where)
                            .isEqualTo(page);
                    compared++;
                }
            }
        }
        compared += checkDrawn(name, panel);
        return compared;
    }

    /** KPI cards and table cells as drawn on the page show the same text as number() over the panel data. */
    private int checkDrawn(String name, JsonNode panel) {
        JsonNode columns = panel.get("columns");
        JsonNode shown = panel.get("shown");
        int compared = 0;
        String chart = panel.get("chart").asString();
        if ("kpi".equals(chart) && shown.size() == 1) {
            for (int c = 0; c < columns.size(); c++) {
                if ("metric".equals(columns.get(c).get("kind").asString())) {
                    String id = columns.get(c).get("id").asString();
                    assertThat(panel.get("kpis").get(id).asString()).as("%s: KPI card %s", name, id)
                            .isEqualTo(shown.get(0).get(c).asString());
                    compared++;
                }
            }
        }
        if ("table".equals(chart)) {
            JsonNode table = panel.get("table");
            assertThat(table.size()).as("%s: table rows", name).isEqualTo(shown.size());
            for (int r = 0; r < shown.size(); r++) {
                for (int c = 0; c < columns.size(); c++) {
                    if (!shown.get(r).get(c).isNull()) {
                        assertThat(table.get(r).get(c).asString()).as("%s: table row %d column %d", name, r, c)
                                .isEqualTo(shown.get(r).get(c).asString());
                        compared++;
                    }
                }
            }
        }
        return compared;
    }

    private static Display display(JsonNode column) {
        String format = column.get("format").asString();
        for (Metric.Format f : Metric.Format.values()) {
            if (f.code().equals(format)) {
                return new Display(f, column.get("decimals").asInt());
            }
        }
        throw new AssertionError("no display format " + format);
    }

    /** The query string a dashboard with required filters (the village and enterprise pages) needs. */
    private String subject(Dashboard d) {
        List<String> params = new ArrayList<>();
        for (String required : d.requiredFilters()) {
            String code = switch (required) {
                case "village" -> jdbc.queryForObject("SELECT region_code FROM fact_hazard GROUP BY 1"
                        + " ORDER BY count(*) DESC, 1 LIMIT 1", String.class);
                case "enterprise" -> {
                    List<String> codes = jdbc.queryForList("SELECT enterprise_code FROM fact_hazard"
                            + " WHERE enterprise_code IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1",
                            String.class);
                    Assumptions.assumeFalse(codes.isEmpty(), "no hazard with an enterprise in this warehouse");
                    yield codes.get(0);
                }
                default -> throw new AssertionError("no subject for the required filter " + required);
            };
            params.add(required + "=" + code);
        }
        return params.isEmpty() ? "" : "?" + String.join("&", params);
    }
}
