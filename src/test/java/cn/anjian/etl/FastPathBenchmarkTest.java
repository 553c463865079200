package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The template CSV fast path against a plain DuckDB read of the same file: run with {@code -Dbench=rows} (e.g.
 * {@code ./mvnw -q test -Dtest=FastPathBenchmarkTest -Dbench=1000000}); skipped otherwise.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@EnabledIfSystemProperty(named = "bench", matches = "[0-9]+")
class FastPathBenchmarkTest {

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("bench.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "2GB");
    }

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void fastPathAgainstPlainRead() throws Exception {
        int rows = Integer.parseInt(System.getProperty("bench"));
        Path regions = warehouse.resolve("regions.csv");
        Files.writeString(regions, ImportJobTest.REGIONS);
        imports.importNow(ImportKind.REGIONS, regions, "regions.csv");
        Path csv = warehouse.resolve("bench.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write(String.join(",", ImportKind.HAZARDS.headers()) + "\n");
            for (int i = 1; i <= rows; i++) {
                w.write("YH-B-" + i + ",2023-0" + (1 + i % 9) + "-1" + (i % 9) + ",诸佛庵镇," + (i % 2 == 0 ? "诸佛庵村" : "漫水河社区")
                        + ",某商店" + (i % 977) + ",,消防,灭火器过期未更换，疏散通道堆放杂物,一般,安监所,,2023-12-31,,,,整改中,\"1,200元\",是,是,否,是,是,否\n");
            }
        }
        long t0 = System.nanoTime();
        jdbc.execute("CREATE TABLE plain AS SELECT * FROM read_csv('" + csv + "', header = true, all_varchar = true)");
        long plain = System.nanoTime() - t0;
        jdbc.execute("DROP TABLE plain");
        t0 = System.nanoTime();
        var status = imports.importNow(ImportKind.HAZARDS, csv, "bench.csv");
        long job = System.nanoTime() - t0;
        System.out.printf("%n%d rows (%d MB): plain read_csv CTAS %d ms, import job %d ms (%.2f of plain), status %s written %d%n",
                rows, Files.size(csv) >> 20, plain / 1_000_000, job / 1_000_000, (double) plain / job, status.status(),
                status.written());
        assertThat(status.written()).isEqualTo(rows);
    }
}
