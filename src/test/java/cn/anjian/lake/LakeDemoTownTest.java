package cn.anjian.lake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import cn.anjian.demo.DemoTownWarehouse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo town's lake, read back by DuckDB as any outside reader would (hive partitions, nothing but the files):
 * rows, and hazard, inspection, fine and death totals per fact, year and town equal the warehouse's. The lake and
 * the warehouse's totals are left in {@code target/lake-fixture} for the Spark reader ({@code lake-spark/}), which
 * .ci/run runs next.
 */
class LakeDemoTownTest extends DemoTownWarehouse {

    /** Each fact with its date and the amount whose total per year and town must survive the trip. */
    static final Map<String, String[]> FACTS = Map.of(
            "fact_inspection", new String[] {"inspection_date", "hazards_found"},
            "fact_hazard", new String[] {"found_date", "funds_yuan"},
            "fact_enforcement", new String[] {"action_date", "fine_final_yuan"},
            "fact_accident", new String[] {"accident_date", "deaths"});

    @Autowired
    LakeWriter lake;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void duckDbReadsTheLakeAsItIsAndFindsTheWarehousesTotals() throws IOException {
        Path fixture = Path.of(System.getProperty("anjian.lake-fixture", "target/lake-fixture"));
        LakeWriter.deleteTree(fixture);
        Path dir = fixture.resolve("lake");

        LakeWrite write = lake.write(dir);

        assertThat(write.written()).isNotEmpty();
        List<String> csv = new ArrayList<>(List.of("table,year,town,rows,amount"));
        for (var fact : FACTS.entrySet()) {
            String table = fact.getKey();
            String date = fact.getValue()[0];
            String amount = fact.getValue()[1];
            List<String> warehouse = jdbc.queryForList("""
                    SELECT CAST(year(f.%2$s) AS VARCHAR) || ',' || r.town_code || ',' || count(*) || ',' ||
                        CAST(coalesce(sum(f.%3$s), 0) AS DECIMAL(18, 2))
                    FROM %1$s f JOIN dim_region r ON r.region_code = f.region_code
                    GROUP BY year(f.%2$s), r.town_code ORDER BY 1""".formatted(table, date, amount), String.class);
            List<String> fromLake = jdbc.queryForList("""
                    SELECT year || ',' || town || ',' || count(*) || ',' || CAST(coalesce(sum(%1$s), 0) AS DECIMAL(18, 2))
                    FROM read_parquet(?, hive_partitioning = true, hive_types_autocast = false)
                    GROUP BY year, town ORDER BY 1""".formatted(amount), String.class,
                    dir.resolve(table).resolve("**/*.parquet").toString());
            assertThat(warehouse).as(table).isNotEmpty();
            assertThat(fromLake).as(table).isEqualTo(warehouse);
            warehouse.forEach(line -> csv.add(table + "," + line));
        }
        // the campaign's ledgers are facts of the lake too, a department's progress reports under its town
        assertThat(lake.read(dir).tables()).filteredOn(t -> t.rows() > 0).extracting(LakeManifest.Table::name)
                .contains("fact_drill", "fact_training", "fact_tipoff", "fact_head_duty", "fact_door_knock",
                        "fact_publicity", "fact_task_progress");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM read_parquet(?, hive_partitioning = true,"
                + " hive_types_autocast = false) WHERE town = 'none'",
                Long.class, dir.resolve("fact_task_progress").resolve("**/*.parquet").toString())).isZero();
        for (LakeManifest.Table table : lake.read(dir).tables()) {
            Long rows = jdbc.queryForObject("SELECT count(*) FROM " + table.name(), Long.class);
            assertThat(table.rows()).as(table.name()).isEqualTo(rows);
        }
        Files.write(fixture.resolve("warehouse-totals.csv"), csv, StandardCharsets.UTF_8);
    }
}
