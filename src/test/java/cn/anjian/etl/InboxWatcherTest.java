package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Ledgers dropped into the inbox are imported and moved to done/ or failed/ with a report beside them. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class InboxWatcherTest {

    @TempDir
    static Path root;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> root.resolve("inbox.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> root.resolve("work").toString());
        registry.add("anjian.etl.inbox", () -> root.resolve("inbox").toString());
        registry.add("anjian.etl.inbox-poll", () -> "300ms");
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void filesAreImportedAndMovedWithAReport() throws Exception {
        Path inbox = root.resolve("inbox");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("regions.csv"), ImportJobTest.REGIONS);
        Path done = inbox.resolve("done");
        await(() -> Files.exists(done.resolve("regions.csv.report.txt")));

        Files.writeString(inbox.resolve("隐患.csv"), String.join(",", ImportKind.HAZARDS.headers()) + "\n"
                + "YH-IN-1,2023-04-01,诸佛庵镇,诸佛庵村,某商店,,消防,灭火器过期,一般,,,,,,,,,,,,,,\n"
                + "YH-IN-2,2023-04-31,诸佛庵镇,诸佛庵村,某商店,,消防,通道堵塞,一般,,,,,,,,,,,,,,\n", StandardCharsets.UTF_8);
        Files.writeString(inbox.resolve("乱码.csv"), "编号,日期\n1,2\n");
        await(() -> Files.exists(done.resolve("隐患.csv.report.txt")) && Files.exists(inbox.resolve("failed/乱码.csv.report.txt")));

        assertThat(inbox.resolve("隐患.csv")).doesNotExist();
        assertThat(done.resolve("隐患.csv")).exists();
        String report = Files.readString(done.resolve("隐患.csv.report.txt"));
        assertThat(report).contains("COMPLETED").contains("新增 1 条").contains("拒收 1 条").contains("第 3 行");
        try (var in = Files.newInputStream(done.resolve("隐患.csv.rejects.xlsx")); var book = new XSSFWorkbook(in)) {
            assertThat(book.getSheetAt(0).getRow(1).getCell(0).getStringCellValue()).isEqualTo("YH-IN-2");
        }
        assertThat(inbox.resolve("failed/乱码.csv")).exists();
        assertThat(Files.readString(inbox.resolve("failed/乱码.csv.report.txt"))).contains("FAILED").contains("编号、日期");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class)).isEqualTo(1);
    }

    interface Check {
        boolean ok() throws IOException;
    }

    private static void await(Check check) throws Exception {
        Instant until = Instant.now().plus(Duration.ofSeconds(60));
        while (!check.ok()) {
            if (Instant.now().isAfter(until)) {
                throw new AssertionError("inbox not processed in time");
            }
            Thread.sleep(100);
        }
    }
}
