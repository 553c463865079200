package cn.anjian.export;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import cn.anjian.demo.DemoTownWarehouse;
import cn.anjian.security.Role;
import cn.anjian.security.TestLogins;
import cn.anjian.semantic.Catalog;
import cn.anjian.semantic.Display;
import cn.anjian.semantic.Metric;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static cn.anjian.export.ExportRequests.download;
import static cn.anjian.export.ExportRequests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

/**
 * On the demo town (every kind of fact: rates, days, fines), every number of every panel of every dashboard: the
 * panel data is rounded to the catalogue's display and says so in its column metadata, the CSV cell is the value in
 * the header's unit to those decimals, the XLSX cell that number under the display's format.
 * {@code DisplayEqualityBrowserTest} checks the page's own text against the same files on a smaller warehouse.
 */
class PanelDisplayDemoTownTest extends DemoTownWarehouse {

    @Autowired
    MockMvc mvc;

    @Autowired
    JsonMapper json;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyNumberOfEveryPanelIsTheSameInTheDataTheCsvAndTheXlsx() throws Exception {
        JsonNode dashboards = get("/api/dashboards");
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        int compared = 0;
        boolean sawRatio = false;
        boolean sawYuan = false;
        boolean sawDays = false;
        for (JsonNode summary : dashboards) {
            String id = summary.get("id").asString();
            JsonNode definition = get("/api/dashboards/" + id);
            String[] subject = subject(definition);
            for (JsonNode panel : definition.get("panels")) {
                String where = id + "/" + panel.get("id").asString();
                JsonNode data = get(panel.get("data").asString(), subject);
                String base = panel.get("data").asString() + "/export.";
                List<CSVRecord> csv = ExportRequests.csv(download(mvc, request(base + "csv", subject)
                        .with(admin())).getContentAsByteArray());
                try (XSSFWorkbook book = ExportRequests.xlsx(download(mvc, request(base + "xlsx", subject)
                        .with(admin())).getContentAsByteArray())) {
                    JsonNode columns = data.get("columns");
                    JsonNode rows = data.get("rows");
                    for (int c = 0; c < columns.size(); c++) {
                        JsonNode column = columns.get(c);
                        Display display = display(column);
                        if ("metric".equals(column.get("kind").asString())) {
                            Metric metric = catalog.metric(column.get("id").asString()).orElseThrow();
                            assertThat(display).as(where).isEqualTo(metric.display());
                            String unit = metric.unit().zh();
                            assertThat(csv.get(0).get(c)).isEqualTo(metric.label().zh()
                                    + (unit.isEmpty() ? "" : "(" + unit + ")"));
                        }
                        if (display == null) {
                            continue;
                        }
                        for (int r = 0; r < rows.size(); r++) {
                            JsonNode value = rows.get(r).get(c);
                            Row row = book.getSheetAt(0).getRow(r + 1);
                            Cell cell = row == null ? null : row.getCell(c);
                            String at = where + " row " + r + " " + column.get("id").asString() + " = " + value;
                            if (value.isNull()) {
                                assertThat(csv.get(r + 1).get(c)).as(at).isEmpty();
                                assertThat(cell == null || cell.getCellType() == CellType.BLANK).as(at).isTrue();
                                continue;
                            }
                            BigDecimal number = value.decimalValue();
                            assertThat(number.compareTo(new BigDecimal(display.round(number).toString())))
                                    .as("panel data rounded to the display: " + at).isZero();
                            BigDecimal shown = display.shown(number);
                            assertThat(csv.get(r + 1).get(c)).as("CSV " + at).isEqualTo(shown.toPlainString());
                            assertThat(cell.getCellType()).as("XLSX " + at).isEqualTo(CellType.NUMERIC);
                            assertThat(cell.getCellStyle().getDataFormatString()).as("XLSX " + at)
                                    .isEqualTo(display.excelFormat());
                            boolean ratio = display.format() == Metric.Format.RATIO;
                            assertThat(formatter.formatCellValue(cell)).as("XLSX " + at)
                                    .isEqualTo(String.format(Locale.ROOT, "%,." + display.decimals() + "f", shown)
                                            + (ratio ? "%" : ""));
                            sawRatio |= ratio;
                            sawYuan |= display.format() == Metric.Format.YUAN;
                            sawDays |= display.format() == Metric.Format.DAYS;
                            compared++;
                        }
                    }
                }
            }
        }
        assertThat(compared).isGreaterThan(100);
        assertThat(sawRatio && sawYuan && sawDays).as("ratios, money and days compared").isTrue();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor admin() {
        return authentication(TestLogins.token(Role.ADMIN));
    }

    private JsonNode get(String url, String... params) throws Exception {
        return json.readTree(mvc.perform(request(url, params).with(admin())).andReturn().getResponse()
                .getContentAsString());
    }

    /** The village and enterprise pages need their subject: the busiest one. */
    private String[] subject(JsonNode definition) {
        for (JsonNode required : definition.get("requiredFilters")) {
            String filter = required.asString();
            String sql = switch (filter) {
                case "village" -> "SELECT region_code FROM fact_hazard GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1";
                case "enterprise" -> "SELECT enterprise_code FROM fact_hazard WHERE enterprise_code IS NOT NULL"
                        + " GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1";
                default -> throw new AssertionError("no subject for " + filter);
            };
            return new String[] {filter, jdbc.queryForObject(sql, String.class)};
        }
        return new String[0];
    }

    private static Display display(JsonNode column) {
        JsonNode decimals = column.get("decimals");
        if (decimals == null || decimals.isNull()) {
            return null;
        }
        for (Metric.Format f : Metric.Format.values()) {
            if (f.code().equals(column.get("format").asString())) {
                return new Display(f, decimals.asInt());
            }
        }
        throw new AssertionError("no display format " + column);
    }
}
