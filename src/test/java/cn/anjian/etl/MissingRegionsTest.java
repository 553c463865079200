package cn.anjian.etl;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Regions from the ledger (issue #15, item 5): a hazard ledger naming villages the regions ledger lacks has those
 * rows rejected; the result offers the missing villages as a pre-filled regions ledger (an .xlsx in the regions
 * template's shape); the clerk corrects it and imports it; the original ledger imported again then loads every row.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithAccount(Role.ADMIN)
class MissingRegionsTest {

    @TempDir
    static Path warehouse;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("missing-regions.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
    }

    @Autowired
    LedgerImportService imports;

    @Autowired
    MockMvc mvc;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theRejectedVillagesComeBackAsARegionsLedgerWhoseImportLetsTheRejectedRowsLoad() throws Exception {
        // given: a town with one village, and a hazard ledger that names two more (one of them twice)
        Path regions = files.resolve("regions.csv");
        Files.writeString(regions, ImportJobTest.REGIONS, StandardCharsets.UTF_8);
        assertThat(imports.importNow(ImportKind.REGIONS, regions, "regions.csv").rejected()).isZero();
        Path ledger = hazards(List.of(
                List.of("MR-1", "2025-03-01", "诸佛庵镇", "诸佛庵村", "消防", "灭火器过期", "一般"),
                List.of("MR-2", "2025-03-02", "诸佛庵镇", "新丰村", "消防", "安全出口堵塞", "一般"),
                List.of("MR-3", "2025-03-03", "", "竹林社区", "燃气", "软管老化", "一般"),
                List.of("MR-4", "2025-03-04", "诸佛庵镇", "新丰村", "消防", "电线乱拉", "重大")));

        // when: the ledger is imported
        ImportService.ImportStatus first = imports.importNow(ImportKind.HAZARDS, ledger, "隐患台账.xlsx");

        // then: the three rows of unknown villages are rejected, and the result names them and the download
        assertThat(first.rejected()).isEqualTo(3);
        assertThat(count("fact_hazard")).isEqualTo(1);
        mvc.perform(get("/api/imports/" + first.id()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.missingRegions", contains("新丰村", "竹林社区")))
                .andExpect(jsonPath("$.missingRegionsUrl").value("/api/imports/" + first.id() + "/missing-regions.xlsx"));
        assertThat(mvc.perform(get("/imports/" + first.id())).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString(StandardCharsets.UTF_8))
                .contains("href=\"/api/imports/" + first.id() + "/missing-regions.xlsx\"").contains("新丰村 (2 行)");
        MvcResult started = mvc.perform(get("/api/imports/" + first.id() + "/missing-regions.xlsx"))
                .andExpect(status().isOk()).andReturn();
        byte[] download = mvc.perform(asyncDispatch(started)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsByteArray();

        // the regions template's columns, one row per missing village, under the town (named or the only one)
        Path corrected = files.resolve("区划台账-补充.xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(download))) {
            Sheet sheet = book.getSheetAt(0);
            Row header = sheet.getRow(0);
            for (int c = 0; c < ImportKind.REGIONS.headers().size(); c++) {
                assertThat(header.getCell(c).getStringCellValue()).isEqualTo(ImportKind.REGIONS.headers().get(c));
            }
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(cells(sheet.getRow(1))).startsWith("341525106000-01", "新丰村", "村", "341525106000");
            assertThat(cells(sheet.getRow(2))).startsWith("341525106000-02", "竹林社区", "社区", "341525106000");
            // the clerk gives 新丰村 its real division code
            sheet.getRow(1).getCell(0).setCellValue("341525106208");
            try (OutputStream out = Files.newOutputStream(corrected)) {
                book.write(out);
            }
        }
        ImportService.ImportStatus regionsImport = imports.importNow(ImportKind.REGIONS, corrected, corrected.getFileName().toString());
        assertThat(regionsImport.rejected()).isZero();
        assertThat(regionsImport.changes().added()).isEqualTo(2);

        // the original ledger again: every row loads, under the new villages
        ImportService.ImportStatus again = imports.importNow(ImportKind.HAZARDS, ledger, "隐患台账.xlsx");
        assertThat(again.rejected()).isZero();
        assertThat(again.changes().added()).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT hazard_no || ' ' || region_code FROM fact_hazard ORDER BY hazard_no",
                String.class)).containsExactly("MR-1 341525106201", "MR-2 341525106208", "MR-3 341525106000-02",
                "MR-4 341525106208");
        assertThat(jdbc.queryForObject("SELECT is_community FROM dim_region WHERE region_name = '竹林社区'",
                Boolean.class)).isTrue();
        // nothing missing any more: no download
        mvc.perform(get("/api/imports/" + again.id() + "/missing-regions.xlsx")).andExpect(status().isNotFound());
    }

    private Path hazards(List<List<String>> rows) throws IOException {
        Path file = files.resolve("隐患台账.xlsx");
        List<String> headers = List.of("隐患编号", "发现日期", "所属乡镇", "村(社区)", "行业领域", "隐患描述", "隐患等级");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = book.createSheet("隐患");
            Row header = sheet.createRow(0);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r + 1);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            book.write(out);
        }
        return file;
    }

    private static List<String> cells(Row row) {
        return java.util.stream.IntStream.range(0, 4)
                .mapToObj(c -> row.getCell(c) == null ? "" : row.getCell(c).getStringCellValue()).toList();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
