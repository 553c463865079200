package cn.anjian.etl;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import com.jayway.jsonpath.JsonPath;

import cn.anjian.AnjianApplication;
import cn.anjian.lake.PackageCommand;
import cn.anjian.lake.ReportPackage;
import cn.anjian.lake.ReportPackageWriter;
import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Upward reporting (逐级上报, issue #17) between two real apps on two DuckDB files: the towns' app (the demo county of
 * two towns, imported from their ledgers) writes each town's report package; the county's app, which knows only the
 * county and its towns, imports them through the import path (upload, CLI, service). The county then holds the union
 * of both towns' rows of the periods sent, row for row; a package sent again changes nothing; a corrected package
 * replaces exactly its town's rows of its period and can be withdrawn; a truncated, altered, foreign-version or
 * unknown-town package is refused with its reason and the warehouse as it was.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithAccount(Role.ADMIN)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReportPackageTest {

    static final String A = "341525106000";
    static final String B = "341525101000";
    static final Path FOLDER = folder();
    static final List<String> FACTS = List.of("fact_inspection", "fact_hazard", "fact_enforcement", "fact_accident");
    static final Map<String, String> DATES = Map.of("fact_inspection", "inspection_date", "fact_hazard", "found_date",
            "fact_enforcement", "action_date", "fact_accident", "accident_date");
    static final LocalDate Y2023 = LocalDate.of(2023, 1, 1);
    static final LocalDate Y2024 = LocalDate.of(2024, 1, 1);

    /** The towns' app: 诸佛庵镇 (A) and 衡山镇 (B) of the demo county, from their ledgers. */
    static ConfigurableApplicationContext towns;
    static final Map<String, Path> PACKAGES = new LinkedHashMap<>();

    @Autowired
    ImportService imports;

    @Autowired
    LedgerImportService ledgerImports;

    @Autowired
    LedgerStager stager;

    @Autowired
    MissingRegions missingRegions;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @DynamicPropertySource
    static void county(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> FOLDER.resolve("county.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> FOLDER.resolve("county-work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.etl.inbox", () -> FOLDER.resolve("inbox").toString());
        registry.add("anjian.etl.inbox-poll", () -> "200ms");
    }

    @BeforeAll
    static void townsApp() {
        towns = new SpringApplicationBuilder(AnjianApplication.class).web(WebApplicationType.NONE).properties(
                "anjian.warehouse.path=" + FOLDER.resolve("towns.duckdb"),
                "anjian.warehouse.memory-limit=512MB",
                "anjian.etl.work-dir=" + FOLDER.resolve("towns-work"),
                "anjian.demo.enabled=true", "anjian.demo.scale=0.05", "anjian.demo.towns=2",
                "anjian.demo.folder=" + FOLDER.resolve("ledgers")).run();
    }

    @AfterAll
    static void stop() {
        if (towns != null) {
            towns.close();
        }
    }

    @Test
    @Order(1)
    void twoTownsPackagesMergeIntoTheUnionOfBoth() throws Exception {
        importRegions();
        Path a2024 = produce(A, "2024-01", "2024-12");
        Path a2023 = produce(A, "2023-01", "2023-12");
        Path b2024 = produce(B, "2024-01", "2024-12");

        // one by upload (kind left to detection), one by the command line, one by the service
        String body = mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", a2024.getFileName().toString(),
                        "application/zip", Files.readAllBytes(a2024))).param("kind", "auto").with(csrf()))
                .andExpect(status().isAccepted()).andReturn().getResponse().getContentAsString();
        assertThat(JsonPath.<String>read(body, "$.kind")).isEqualTo("package");
        ImportService.ImportStatus first = await(((Number) JsonPath.read(body, "$.id")).longValue());
        assertThat(first.status()).as(first.message()).isEqualTo("COMPLETED");
        assertThat(first.kindZh()).isEqualTo("上报数据包");
        // every row is new but the town's own region row, which the county's region table already had
        assertThat(first.changes().added() + first.changes().updated() + first.changes().unchanged())
                .isEqualTo(first.read());
        assertThat(first.changes().added()).isGreaterThanOrEqualTo(first.read() - 1).isPositive();

        String printed = runImportCommand("import", "auto", a2023.toString());
        assertThat(printed).contains("COMPLETED", "新增");
        ImportService.ImportStatus b = imports.importNow(ImportKind.PACKAGE, b2024, b2024.getFileName().toString());
        assertThat(b.status()).as(b.message()).isEqualTo("COMPLETED");

        JdbcTemplate source = towns.getBean(JdbcTemplate.class);
        for (String fact : FACTS) {
            assertThat(rows(jdbc, fact, A, Y2024)).as(fact + " A 2024").isEqualTo(rows(source, fact, A, Y2024));
            assertThat(rows(jdbc, fact, A, Y2023)).as(fact + " A 2023").isEqualTo(rows(source, fact, A, Y2023));
            assertThat(rows(jdbc, fact, B, Y2024)).as(fact + " B 2024").isEqualTo(rows(source, fact, B, Y2024));
            assertThat(rows(jdbc, fact, B, Y2023)).as(fact + " B 2023 not sent").isEqualTo("0:null");
        }
        for (String dim : List.of("dim_region", "dim_enterprise")) {
            assertThat(rows(jdbc, dim, A, null)).as(dim + " A").isEqualTo(rows(source, dim, A, null));
            assertThat(rows(jdbc, dim, B, null)).as(dim + " B").isEqualTo(rows(source, dim, B, null));
        }
        // what a leader reads: hazards and fines per town of 2024, as the towns have them
        String totals = """
                SELECT r.town_code, (SELECT count(*) FROM fact_hazard h JOIN dim_region v ON v.region_code = h.region_code
                        WHERE v.town_code = r.town_code AND year(h.found_date) = 2024),
                    (SELECT sum(e.fine_final_yuan) FROM fact_enforcement e JOIN dim_region v ON v.region_code = e.region_code
                        WHERE v.town_code = r.town_code AND year(e.action_date) = 2024)
                FROM dim_region r WHERE r.region_level = 'town' ORDER BY 1""";
        List<Map<String, Object>> county = jdbc.queryForList(totals);
        assertThat(county).isEqualTo(source.queryForList(totals));
        assertThat(((Number) county.get(0).values().toArray()[1]).longValue()).isPositive();
    }

    @Test
    @Order(2)
    void aPackageSentAgainChangesNothing() throws Exception {
        Map<String, String> before = warehouse();
        long last = jdbc.queryForObject("SELECT max(batch_id) FROM etl_batch", Long.class);
        // sent again through the inbox
        Path inbox = Files.createDirectories(FOLDER.resolve("inbox"));
        Files.copy(PACKAGES.get(A + "2024-01"), inbox.resolve("again.zip"));
        Path report = inbox.resolve("done/again.zip.report.txt");
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!Files.exists(report) && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        assertThat(report).content(StandardCharsets.UTF_8).contains("上报数据包", "COMPLETED", "新增 0 条，更新 0 条");
        ImportService.ImportStatus again = imports.status(last + 1).orElseThrow();
        assertThat(again.fileName()).isEqualTo("again.zip");
        assertThat(again.status()).isEqualTo("COMPLETED");
        assertThat(again.changes()).isEqualTo(new ImportService.Changes(0, 0, again.read(), 0));
        assertThat(again.written()).isZero();
        assertThat(again.countsZh()).contains("新增 0 条，更新 0 条，未变 " + again.read() + " 条");
        assertThat(warehouse()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void aCorrectedPackageReplacesExactlyThatTownAndPeriodAndCanBeWithdrawn() {
        JdbcTemplate source = towns.getBean(JdbcTemplate.class);
        List<String> hazards = source.queryForList("""
                SELECT h.hazard_no FROM fact_hazard h JOIN dim_region r ON r.region_code = h.region_code
                WHERE r.town_code = ? AND year(h.found_date) = 2024 ORDER BY 1 LIMIT 2""", String.class, A);
        source.update("UPDATE fact_hazard SET description = description || '（更正）' WHERE hazard_no = ?", hazards.get(0));
        source.update("DELETE FROM fact_hazard WHERE hazard_no = ?", hazards.get(1));
        Map<String, String> before = warehouse();
        Map<String, String> b = townRows(B);
        String a2023 = rows(jdbc, "fact_hazard", A, Y2023);

        Path corrected = produce(A, "2024-01", "2024-12");
        ImportService.ImportStatus status = imports.importNow(ImportKind.PACKAGE, corrected, "更正-" + corrected.getFileName());
        assertThat(status.status()).as(status.message()).isEqualTo("COMPLETED");
        assertThat(status.changes()).isEqualTo(new ImportService.Changes(0, 1, status.read() - 1, 1));
        assertThat(status.countsZh()).contains("删除 1 条");

        assertThat(rows(jdbc, "fact_hazard", A, Y2024)).isEqualTo(rows(source, "fact_hazard", A, Y2024));
        assertThat(jdbc.queryForObject("SELECT description FROM fact_hazard WHERE hazard_no = ?", String.class,
                hazards.get(0))).endsWith("（更正）");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE hazard_no = ?", Long.class,
                hazards.get(1))).isZero();
        assertThat(rows(jdbc, "fact_hazard", A, Y2023)).as("A's other period").isEqualTo(a2023);
        assertThat(townRows(B)).as("the other town").isEqualTo(b);
        assertThat(imports.changes(status.id(), 5)).extracting(ImportService.Change::key)
                .contains("fact_hazard " + hazards.get(0), "fact_hazard " + hazards.get(1));

        imports.withdraw(status.id(), "测试: 撤销更正包", false, "admin");
        assertThat(warehouse()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void damagedForeignAndUnknownPackagesAreRefusedWithNothingChanged() throws IOException {
        Map<String, String> before = warehouse();
        long batches = jdbc.queryForObject("SELECT count(*) FROM etl_batch", Long.class);
        byte[] good = Files.readAllBytes(PACKAGES.get(A + "2024-01"));

        refused("截断.zip", java.util.Arrays.copyOf(good, good.length * 2 / 3), "不完整");
        refused("改动.zip", rewrite(good, "fact_hazard.parquet", bytes -> entry(good, "fact_accident.parquet")),
                "fact_hazard.parquet (表 fact_hazard) 校验值 (SHA-256) 与清单不符");
        refused("旧版本.zip", rewrite(good, ReportPackage.MANIFEST, manifest -> text(manifest)
                .replaceFirst("(\"schemaVersion\"\\s*:\\s*\")V\\d+", "$1V014").getBytes(StandardCharsets.UTF_8)),
                "库结构版本是 V014");
        refused("外县.zip", rewrite(good, ReportPackage.MANIFEST, manifest -> text(manifest).replace(A, "341525199000")
                .getBytes(StandardCharsets.UTF_8)), "乡镇 341525199000 不是本县已知的乡镇");
        refused("台账.zip", "not a zip at all".getBytes(StandardCharsets.UTF_8), "不完整");
        refused("炸弹.zip", rewrite(good, "fact_hazard.parquet", bytes -> new byte[80 << 20]), "疑似压缩炸弹");
        // a code the town's own code list has and the county's lacks (a sub-sector the town added)
        String sector = jdbc.queryForObject("SELECT min(sector_code) FROM fact_hazard f JOIN dim_region r"
                + " ON r.region_code = f.region_code WHERE r.town_code = ? AND f.found_date < DATE '2025-01-01'",
                String.class, A);
        jdbc.execute("CREATE OR REPLACE TABLE saved_sector AS SELECT * FROM dim_sector WHERE sector_code = '" + sector + "'");
        jdbc.update("DELETE FROM dim_sector WHERE sector_code = ?", sector);
        try {
            refused("代码.zip", good, "行业领域代码 " + sector);
        } finally {
            jdbc.execute("INSERT INTO dim_sector SELECT * FROM saved_sector");
            jdbc.execute("DROP TABLE saved_sector");
        }

        assertThat(warehouse()).isEqualTo(before);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM duckdb_tables() WHERE table_name LIKE 'stg_pkg_%'",
                Long.class)).as("no stage table left half-loaded").isZero();
        assertThat(jdbc.queryForList("SELECT status FROM etl_batch WHERE batch_id > ? ORDER BY batch_id", String.class,
                batches)).as("each refusal is in the import history").containsOnly("FAILED").hasSize(7);
    }

    @Test
    @Order(5)
    void theCountyWritesThePackageOfATownItHoldsAsTheTownDid() throws Exception {
        var started = mvc.perform(get("/api/lake/package").param("from", "2024-01").param("to", "2024-12")
                .param("town", B)).andExpect(status().isOk()).andReturn();
        var response = mvc.perform(asyncDispatch(started)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getHeader("Content-Disposition")).contains(".zip");
        byte[] zip = response.getContentAsByteArray();
        assertThat(manifestRows(zip)).isEqualTo(manifestRows(Files.readAllBytes(PACKAGES.get(B + "2024-01"))));
        mvc.perform(get("/api/lake/package").param("from", "2024-13").param("to", "2024-12"))
                .andExpect(status().isBadRequest());
        mvc.perform(get("/api/lake/package").param("from", "2024-01").param("to", "2024-12").param("town", "341525199000"))
                .andExpect(status().isBadRequest());
    }

    @Test
    @Order(6)
    @WithAccount(value = Role.LEADER, scope = "341525000000")
    void onlyAnAdministratorGetsAPackage() throws Exception {
        mvc.perform(get("/api/lake/package").param("from", "2024-01").param("to", "2024-12"))
                .andExpect(status().isForbidden());
    }

    // ---------------------------------------------------------------------------------------------------------------

    private void importRegions() throws IOException {
        Path csv = FOLDER.resolve("county-regions.csv");
        Files.writeString(csv, """
                区划代码,名称,级别,上级区划代码
                341525000000,霍山县,县,
                341525106000,诸佛庵镇,镇,341525000000
                341525101000,衡山镇,镇,341525000000
                """);
        assertThat(imports.importNow(ImportKind.REGIONS, csv, "county-regions.csv").status()).isEqualTo("COMPLETED");
    }

    /** A town's package from the towns' app, through the package command. */
    private static Path produce(String town, String from, String to) {
        Path out = FOLDER.resolve("pkg-" + PACKAGES.size() + "-" + town + "-" + from + ".zip");
        PackageCommand command = new PackageCommand(towns.getBean(ReportPackageWriter.class));
        PrintStream old = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            command.run(new DefaultApplicationArguments("package", "--from=" + from, "--to=" + to, "--town=" + town,
                    "--out=" + out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            System.setOut(old);
        }
        assertThat(command.getExitCode()).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(town, from, "fact_hazard");
        PACKAGES.putIfAbsent(town + from, out);
        return out;
    }

    private String runImportCommand(String... args) {
        PrintStream old = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        ImportCommand command = new ImportCommand(ledgerImports, stager, missingRegions);
        try {
            command.run(new DefaultApplicationArguments(args));
        } finally {
            System.setOut(old);
        }
        assertThat(command.getExitCode()).isZero();
        return printed.toString(StandardCharsets.UTF_8);
    }

    private void refused(String name, byte[] bytes, String reason) throws IOException {
        Path file = FOLDER.resolve(name);
        Files.write(file, bytes);
        ImportService.ImportStatus s = imports.importNow(ImportKind.PACKAGE, file, name);
        assertThat(s.status()).as(name).isEqualTo("FAILED");
        assertThat(s.message()).as(name).contains("「" + name + "」", reason);
    }

    private ImportService.ImportStatus await(long id) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (System.nanoTime() < until) {
            ImportService.ImportStatus s = imports.status(id).orElseThrow();
            if (!s.status().startsWith("START")) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    /**
     * A town's rows of a table (a fact's of one year), as count and sum of row hashes without the import's batch id:
     * equal only when the rows are equal, whatever batch loaded them.
     */
    private static String rows(JdbcTemplate jdbc, String table, String town, LocalDate year) {
        String townOf = table.equals("dim_region") ? "f.town_code"
                : "(SELECT r.town_code FROM dim_region r WHERE r.region_code = f.region_code)";
        String period = year == null ? "" : " AND f." + DATES.get(table) + " BETWEEN DATE '" + year + "' AND DATE '"
                + year.plusYears(1).minusDays(1) + "'";
        return jdbc.queryForObject("SELECT count(*) || ':' || coalesce(CAST(sum(hash(s)::HUGEINT) AS VARCHAR), 'null')"
                + " FROM (SELECT f.* EXCLUDE (batch_id) FROM " + table + " f WHERE " + townOf + " = ?" + period + ") s",
                String.class, town);
    }

    /** Every table a package touches, per town and table: the whole county as a package can change it. */
    private Map<String, String> warehouse() {
        Map<String, String> all = new TreeMap<>();
        for (String town : List.of(A, B)) {
            all.putAll(townRows(town));
        }
        all.put("dim_region all", jdbc.queryForObject("SELECT count(*) || ':' || CAST(sum(hash(s)::HUGEINT) AS VARCHAR)"
                + " FROM dim_region s", String.class));
        return all;
    }

    private Map<String, String> townRows(String town) {
        Map<String, String> all = new TreeMap<>();
        for (String fact : FACTS) {
            all.put(town + " " + fact, rows(jdbc, fact, town, Y2023) + " " + rows(jdbc, fact, town, Y2024));
        }
        all.put(town + " dim_region", rows(jdbc, "dim_region", town, null));
        all.put(town + " dim_enterprise", rows(jdbc, "dim_enterprise", town, null));
        return all;
    }

    private static Map<String, Long> manifestRows(byte[] zip) {
        String manifest = text(entry(zip, ReportPackage.MANIFEST));
        List<String> names = JsonPath.read(manifest, "$.tables[*].table");
        List<Number> rows = JsonPath.read(manifest, "$.tables[*].rows");
        Map<String, Long> byTable = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            byTable.put(names.get(i), rows.get(i).longValue());
        }
        return byTable;
    }

    private static byte[] entry(byte[] zip, String name) {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(name)) {
                    return in.readAllBytes();
                }
            }
            throw new AssertionError("no " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package with one entry's bytes replaced, every other entry as it was. */
    private static byte[] rewrite(byte[] zip, String name, UnaryOperator<byte[]> change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip));
             ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                byte[] bytes = in.readAllBytes();
                z.putNextEntry(new ZipEntry(e.getName()));
                z.write(e.getName().equals(name) ? change.apply(bytes) : bytes);
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("anjian-report-package-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
