package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The bad-input corpus (src/test/resources/bad-input/, expected outcomes in manifest.csv): every file gives a clear
 * error naming the file, or a clean partial load whose rejects say row and reason; the warehouse holds exactly the
 * good rows (counted before and after) and the app keeps working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class BadInputCorpusTest {

    @TempDir
    static Path warehouse;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("corpus.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
    }

    @Autowired
    LedgerImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    record Case(String file, ImportKind kind, String outcome, Long read, Long written, Long rejected, String expect,
                Long row, String what) {
        @Override
        public String toString() {
            return file + " (" + what + ")";
        }
    }

    static Stream<Case> corpus() throws IOException {
        try (InputStream in = BadInputCorpusTest.class.getResourceAsStream("/bad-input/manifest.csv");
             Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader).getRecords();
            return records.stream().map(r -> new Case(r.get("file"), ImportKind.fromCode(r.get("kind")).orElseThrow(),
                    r.get("outcome"), number(r.get("read")), number(r.get("written")), number(r.get("rejected")),
                    r.get("expect").isEmpty() ? null : r.get("expect"), number(r.get("row")), r.get("what"))).toList().stream();
        }
    }

    private static Long number(String s) {
        return s == null || s.isBlank() ? null : Long.valueOf(s);
    }

    @BeforeEach
    void regions() throws IOException {
        if (count("dim_region") == 0) {
            Path regions = files.resolve("regions.csv");
            Files.writeString(regions, ImportJobTest.REGIONS);
            assertThat(imports.importNow(ImportKind.REGIONS, regions, "regions.csv").status()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void theCorpusHasAtLeastThirtyFilesAndEachHasAnExpectedOutcome() throws Exception {
        Path dir = Path.of(getClass().getResource("/bad-input/manifest.csv").toURI()).getParent();
        List<String> listed = corpus().map(Case::file).toList();
        try (Stream<Path> present = Files.list(dir)) {
            List<String> names = present.map(p -> p.getFileName().toString()).filter(n -> !n.equals("manifest.csv")).toList();
            assertThat(names).hasSizeGreaterThanOrEqualTo(30);
            assertThat(listed).containsExactlyInAnyOrderElementsOf(names);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachFileGivesItsExpectedOutcome(Case c) throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/bad-input/" + c.file()).toURI());
        String table = factTable(c.kind());
        long factsBefore = count(table);
        long rejectsBefore = count("etl_reject");

        var status = imports.importNow(c.kind(), file, c.file());

        List<ImportService.Reject> rejects = imports.rejects(status.id());
        System.out.printf("%-34s %-9s read=%d written=%d rejected=%d %s%n", c.file(), status.status(), status.read(),
                status.written(), status.rejected(), status.message() != null ? status.message()
                        : rejects.stream().map(r -> "row " + r.row() + " [" + r.field() + "] " + r.reason()).toList());
        assertThat(status.status()).as(c.what()).isEqualTo(c.outcome());
        if (c.outcome().equals("FAILED")) {
            assertThat(status.message()).contains(c.file()).contains(c.expect()).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(count(table)).as("nothing of a failed file reaches the warehouse").isEqualTo(factsBefore);
            assertThat(count("etl_reject")).isEqualTo(rejectsBefore);
            return;
        }
        assertThat(status.read()).isEqualTo(c.read());
        assertThat(status.written()).isEqualTo(c.written());
        assertThat(status.rejected()).isEqualTo(c.rejected());
        assertThat(count(table) - factsBefore).as("exactly the good rows are in the warehouse").isEqualTo(c.written());
        assertThat(rejects.stream().map(r -> (r.sheet() == null ? "" : r.sheet()) + "#" + r.row()).distinct().count())
                .isEqualTo(c.rejected());
        assertThat(rejects).allSatisfy(r -> {
            assertThat(r.fileName()).isEqualTo(c.file());
            assertThat(r.reason()).isNotBlank();
            assertThat(r.field()).isNotBlank();
        });
        if (c.expect() != null) {
            assertThat(rejects).anySatisfy(r -> {
                assertThat(r.reason()).contains(c.expect());
                assertThat(r.row()).isEqualTo(c.row());
            });
        }
    }

    @Test
    void realWorldCellsParseToTheRightValues() throws URISyntaxException {
        Path file = Path.of(getClass().getResource("/bad-input/real-world-cells.csv").toURI());
        imports.importNow(ImportKind.HAZARDS, file, "real-world-cells.csv");
        Map<String, Object> byNo = jdbc.queryForMap("""
                SELECT map(list(hazard_no), list(found_date::VARCHAR || '|' || coalesce(funds_yuan::VARCHAR, '') || '|'
                  || status || '|' || coalesce(deadline_date::VARCHAR, ''))) AS m
                FROM fact_hazard WHERE hazard_no LIKE 'YH-R-%'""");
        String all = String.valueOf(byNo.get("m"));
        assertThat(all).contains("YH-R-1=2023-01-03|").contains("YH-R-2=2025-08-04||open|2025-08-11")
                .contains("YH-R-3=2023-01-03|1200.00|").contains("YH-R-4=2023-01-03|25000.00|")
                .contains("YH-R-5=2023-01-05|1200.00|").contains("YH-R-6=2023-01-06||rectified|")
                .contains("YH-R-7=2023-01-07||closed|");
    }

    @Test
    void aHundredThousandRowsWithOneBadRowNearTheEnd() throws IOException {
        Path big = files.resolve("big.csv");
        int rows = 100_000;
        int bad = 99_990;
        try (Writer w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write(String.join(",", ImportKind.HAZARDS.headers()) + "\n");
            for (int i = 1; i <= rows; i++) {
                w.write("YH-BIG-" + i + "," + (i == bad ? "2023-02-30" : "2023-03-01") + ",诸佛庵镇,诸佛庵村,某商店,,消防,灭火器过期,一般,安监所,,,,,,,,,,,,,\n");
            }
        }
        long before = count("fact_hazard");
        long started = System.nanoTime();
        var status = imports.importNow(ImportKind.HAZARDS, big, "big.csv");
        System.out.printf("100k rows: %s in %d ms%n", status.status(), (System.nanoTime() - started) / 1_000_000);
        assertThat(status.status()).isEqualTo("COMPLETED");
        assertThat(status.written()).isEqualTo(rows - 1);
        assertThat(count("fact_hazard") - before).isEqualTo(rows - 1);
        assertThat(imports.rejects(status.id())).singleElement().satisfies(r -> {
            assertThat(r.row()).isEqualTo(bad + 1);
            assertThat(r.value()).isEqualTo("2023-02-30");
        });
        assertThat(jdbc.queryForObject("SELECT source_row FROM fact_hazard WHERE hazard_no = 'YH-BIG-99999'", Integer.class))
                .isEqualTo(100_000);
    }

    @Test
    void theSameFileUploadedTwiceAtOnceIsInTheWarehouseOnce() throws Exception {
        Path file = files.resolve("twice.csv");
        Files.writeString(file, String.join(",", ImportKind.HAZARDS.headers()) + "\n"
                + "YH-TW-1,2023-04-01,诸佛庵镇,诸佛庵村,某商店,,消防,灭火器过期,一般,,,,,,,,,,,,,,\n"
                + "YH-TW-2,2023-04-02,诸佛庵镇,诸佛庵村,某商店,,消防,通道堵塞,一般,,,,,,,,,,,,,,\n");
        long before = count("fact_hazard");
        long a = imports.submit(ImportKind.HAZARDS, file, "twice.csv");
        long b = imports.submit(ImportKind.HAZARDS, file, "twice.csv");
        CompletableFuture<Void> done = CompletableFuture.runAsync(() -> {
            while (!finished(a) || !finished(b)) {
                Thread.onSpinWait();
            }
        });
        done.get(120, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(imports.status(a).orElseThrow().status()).isEqualTo("COMPLETED");
        assertThat(imports.status(b).orElseThrow().status()).isEqualTo("COMPLETED");
        assertThat(count("fact_hazard") - before).isEqualTo(2);
        // and the app is still up: a plain query answers
        assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
    }

    private boolean finished(long id) {
        String s = imports.status(id).orElseThrow().status();
        return s.equals("COMPLETED") || s.equals("FAILED");
    }

    private static String factTable(ImportKind kind) {
        return LoadPlans.of(kind).target().table();
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
