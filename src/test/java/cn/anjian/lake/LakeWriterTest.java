package cn.anjian.lake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import cn.anjian.etl.ImportKind;
import cn.anjian.etl.ImportService;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lake writer on a small warehouse of two towns loaded through the real import: the first write lays out every
 * table, a write with nothing changed writes nothing, and after a small import only the one partition it touched is
 * rewritten, byte for byte leaving the others alone.
 */
@SpringBootTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LakeWriterTest {

    static final String COUNTY = "341525000000";
    static final String ZHUFOAN = "341525106000";
    static final String MOZITAN = "341525107000";

    @TempDir
    static Path folder;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> folder.resolve("lake-test.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> folder.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.lake.dir", () -> folder.resolve("lake").toString());
    }

    @Autowired
    ImportService imports;

    @Autowired
    LakeWriter lake;

    @Autowired
    JdbcTemplate jdbc;

    Path dir() {
        return folder.resolve("lake");
    }

    @Test
    @Order(1)
    void theFirstWriteLaysOutEveryTableByYearCountyAndTown() throws IOException {
        load("regions.csv", ImportKind.REGIONS, """
                区划代码,名称,级别,上级区划代码
                341525000000,霍山县,县,
                341525106000,诸佛庵镇,镇,341525000000
                341525106201,诸佛庵村,村,341525106000
                341525107000,磨子潭镇,镇,341525000000
                341525107201,磨子潭村,村,341525107000
                """);
        load("hazards.csv", ImportKind.HAZARDS, """
                隐患编号,发现日期,所属乡镇,村(社区),行业领域,隐患描述,隐患等级
                YH-1,2024-03-01,诸佛庵镇,诸佛庵村,消防,灭火器过期,一般
                YH-2,2025-03-01,诸佛庵镇,诸佛庵村,消防,通道堵塞,一般
                YH-3,2024-05-01,磨子潭镇,磨子潭村,燃气,软管老化,一般
                YH-4,2025-07-01,磨子潭镇,磨子潭村,燃气,无报警器,重大
                """);

        LakeWrite first = lake.write();

        assertThat(first.written()).contains(
                "fact_hazard/year=2024/county=" + COUNTY + "/town=" + ZHUFOAN,
                "fact_hazard/year=2025/county=" + COUNTY + "/town=" + ZHUFOAN,
                "fact_hazard/year=2024/county=" + COUNTY + "/town=" + MOZITAN,
                "fact_hazard/year=2025/county=" + COUNTY + "/town=" + MOZITAN,
                "dim_region/county=" + COUNTY, "dim_sector", "dim_date");
        assertThat(first.unchanged()).isZero();
        assertThat(dir().resolve("fact_hazard/year=2025/county=" + COUNTY + "/town=" + MOZITAN + "/data_0.parquet"))
                .isRegularFile();
        assertThat(dir().resolve(LakeWriter.MANIFEST)).isRegularFile();
        assertThat(jdbc.queryForList("""
                SELECT hazard_no || ' ' || year || ' ' || town FROM read_parquet(?, hive_partitioning = true,
                    hive_types_autocast = false) ORDER BY 1""", String.class,
                dir().resolve("fact_hazard/**/*.parquet").toString()))
                .containsExactly("YH-1 2024 " + ZHUFOAN, "YH-2 2025 " + ZHUFOAN, "YH-3 2024 " + MOZITAN,
                        "YH-4 2025 " + MOZITAN);
        LakeManifest manifest = lake.read(dir());
        assertThat(manifest.schemaVersion()).isEqualTo(LakeWriter.SCHEMA_VERSION);
        LakeManifest.Table hazards = manifest.tables().stream().filter(t -> t.name().equals("fact_hazard"))
                .findFirst().orElseThrow();
        assertThat(hazards.rows()).isEqualTo(4);
        assertThat(hazards.partitionBy()).containsExactly("year", "county", "town");
        assertThat(hazards.partitions()).allSatisfy(p -> assertThat(p.files()).singleElement()
                .satisfies(f -> assertThat(f.sha256()).hasSize(64)));
    }

    @Test
    @Order(2)
    void aWriteWithNothingChangedWritesNothing() throws IOException {
        Map<Path, FileTime> before = files();

        LakeWrite again = lake.write();

        assertThat(again.written()).isEmpty();
        assertThat(again.removed()).isEmpty();
        assertThat(files()).isEqualTo(before);
    }

    @Test
    @Order(3)
    void afterASmallImportOnlyThePartitionItChangedIsRewritten() throws IOException {
        Map<Path, FileTime> before = files();
        load("more.csv", ImportKind.HAZARDS, """
                隐患编号,发现日期,所属乡镇,村(社区),行业领域,隐患描述,隐患等级
                YH-5,2025-09-01,磨子潭镇,磨子潭村,消防,电线私拉,一般
                """);

        LakeWrite second = lake.write();

        String changed = "fact_hazard/year=2025/county=" + COUNTY + "/town=" + MOZITAN;
        assertThat(second.written()).containsExactly(changed);
        assertThat(second.removed()).isEmpty();
        Map<Path, FileTime> after = files();
        Path rewritten = Path.of(changed, "data_0.parquet");
        assertThat(after.keySet()).isEqualTo(before.keySet());
        after.forEach((file, time) -> {
            if (!file.equals(rewritten)) {
                assertThat(time).as(file.toString()).isEqualTo(before.get(file));
            }
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_parquet(?)", Long.class,
                dir().resolve(changed).resolve("data_0.parquet").toString())).isEqualTo(2);
    }

    /** Every Parquet file of the lake with its modification time, relative to the lake. */
    private Map<Path, FileTime> files() throws IOException {
        Map<Path, FileTime> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir())) {
            for (Path p : walk.filter(p -> p.toString().endsWith(".parquet")).toList()) {
                files.put(dir().relativize(p), Files.getLastModifiedTime(p));
            }
        }
        return files;
    }

    private void load(String name, ImportKind kind, String csv) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        ImportService.ImportStatus status = imports.importNow(kind, file, name);
        assertThat(status.status()).as(status.toString()).isEqualTo("COMPLETED");
        assertThat(status.rejected()).as(status.toString()).isZero();
    }

}
