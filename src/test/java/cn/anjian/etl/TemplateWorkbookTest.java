package cn.anjian.etl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFDataValidation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;
import cn.anjian.semantic.HazardFixture;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The templates offered on the import page are made from the code lists: a bold header of the importer's columns,
 * an example row the importer skips, drop-downs whose every value imports, and a 说明 sheet. Filled in with every
 * value of every drop-down, the template loads without a reject.
 */
@WithAccount(Role.ADMIN)
@SpringBootTest
@AutoConfigureMockMvc
class TemplateWorkbookTest {

    @TempDir
    static Path work;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> work.resolve("template-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.etl.work-dir", () -> work.resolve("etl").toString());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void fill(@Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts) {
        HazardFixture.insert(jdbc, YearMonth.of(2024, 12));
        marts.refresh();
    }

    @ParameterizedTest
    @EnumSource(value = ImportKind.class, names = {"HAZARDS", "INSPECTIONS", "ENFORCEMENT", "ACCIDENTS"})
    void aDownloadedTemplateFilledWithEveryDropDownValueLoadsWithoutARejectAndItsExampleRowIsSkipped(
            ImportKind kind) throws Exception {
        MvcResult started = mvc.perform(get("/imports/templates/" + kind.code() + ".xlsx"))
                .andExpect(request().asyncStarted()).andReturn();
        byte[] bytes = mvc.perform(asyncDispatch(started)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();
        Path filled = work.resolve(kind.code() + "-filled.xlsx");
        int rows;
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(bytes))) {
            XSSFSheet ledger = book.getSheetAt(0);
            assertThat(ledger.getSheetName()).isEqualTo(kind.labelZh() + "台账");
            assertThat(book.isSheetHidden(book.getSheetIndex("代码表"))).isTrue();
            assertThat(book.getSheet("说明")).isNotNull();
            DataFormatter text = new DataFormatter();
            List<String> headers = new ArrayList<>();
            ledger.getRow(0).forEach(c -> headers.add(text.formatCellValue(c)));
            assertThat(headers).isEqualTo(kind.headers());
            assertThat(ledger.getRow(0).getCell(0).getCellStyle().getFontIndex()).isNotNull();
            Row example = ledger.getRow(1);
            assertThat(text.formatCellValue(example.getCell(0))).startsWith(TemplateWorkbook.EXAMPLE_MARK);

            // every coded column has a drop-down over the hidden code list; the village one lists the villages
            List<XSSFDataValidation> validations = ledger.getDataValidations();
            int village = headers.indexOf("村(社区)");
            assertThat(validations).anySatisfy(v -> assertThat(v.getRegions().getCellRangeAddress(0).getFirstColumn())
                    .isEqualTo(village));
            Sheet lists = book.getSheet("代码表");
            List<List<String>> values = new ArrayList<>();
            int longest = 1;
            for (int c = 0; c < headers.size(); c++) {
                List<String> column = new ArrayList<>();
                for (Row row : lists) {
                    String v = row.getCell(c) == null ? "" : text.formatCellValue(row.getCell(c));
                    if (!v.isEmpty()) {
                        column.add(v);
                    }
                }
                values.add(column);
                longest = Math.max(longest, column.size());
            }
            assertThat(values.get(village)).containsAll(jdbc.queryForList(
                    "SELECT region_name FROM dim_region WHERE region_level = 'village'", String.class));

            // one row per value: the example's values, with every drop-down value in turn and a number of its own
            for (int r = 0; r < longest; r++) {
                Row row = ledger.createRow(2 + r);
                for (int c = 0; c < headers.size(); c++) {
                    String base = text.formatCellValue(example.getCell(c));
                    if (c == 0) {
                        base = "T-" + kind.code() + "-" + r;
                    }
                    List<String> choices = values.get(c);
                    row.createCell(c).setCellValue(choices.isEmpty() ? base : choices.get(r % choices.size()));
                }
            }
            rows = longest;
            try (OutputStream out = Files.newOutputStream(filled)) {
                book.write(out);
            }
        }

        ImportService.ImportStatus status = imports.importNow(kind, filled, kind.code() + "-filled.xlsx");
        assertThat(status.status()).isEqualTo("COMPLETED");
        assertThat(status.rejected()).as("rejects of " + kind).isZero();
        assertThat(status.read()).as("the example row is skipped").isEqualTo(rows);
        assertThat(status.written()).isEqualTo(rows);
    }
}
