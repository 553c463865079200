package cn.anjian.lakespark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apache Spark reads the app's Parquet lake as it is (Hive partitions, nothing but the files) and finds, per fact,
 * year and town, the warehouse's row counts and totals (hazards found, rectification funds, fines, deaths), which
 * the app's LakeDemoTownTest computed from the warehouse tables and left beside the lake.
 */
class LakeSparkReadTest {

    private static final Map<String, String> AMOUNT = Map.of(
            "fact_inspection", "hazards_found",
            "fact_hazard", "funds_yuan",
            "fact_enforcement", "fine_final_yuan",
            "fact_accident", "deaths");

    private static SparkSession spark;
    private static Path fixture;

    @BeforeAll
    static void start() {
        fixture = Path.of(System.getProperty("lake.fixture", "../target/lake-fixture"));
        assertTrue(Files.isRegularFile(fixture.resolve("warehouse-totals.csv")),
                "no lake fixture in " + fixture.toAbsolutePath() + ": run the app's tests first (./mvnw verify, "
                        + "or ./mvnw test -Dtest=LakeDemoTownTest)");
        spark = SparkSession.builder()
                .appName("anjian-lake-read")
                .master("local[2]")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                // division codes are 12-digit numbers: without this Spark would read them as longs
                .config("spark.sql.sources.partitionColumnTypeInference.enabled", "false")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void sparkReadsTheLakeAndFindsTheWarehousesRowsAndTotalsPerTownAndYear() throws IOException {
        Map<String, List<String>> expected = new TreeMap<>();
        List<String> lines = Files.readAllLines(fixture.resolve("warehouse-totals.csv"), StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", 2);
            expected.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells[1]);
        }
        assertEquals(AMOUNT.keySet(), expected.keySet());

        for (var fact : AMOUNT.entrySet()) {
            Dataset<Row> rows = spark.read().parquet(fixture.resolve("lake").resolve(fact.getKey()).toString());
            List<String> actual = new ArrayList<>();
            for (Row r : rows.groupBy("year", "town")
                    .agg(count(lit(1)).as("n"),
                            coalesce(sum(col(fact.getValue())), lit(0)).cast("decimal(18,2)").as("amount"))
                    .orderBy("year", "town")
                    .collectAsList()) {
                actual.add(r.getString(0) + "," + r.getString(1) + "," + r.getLong(2) + ","
                        + r.getDecimal(3).toPlainString());
            }
            List<String> want = new ArrayList<>(expected.get(fact.getKey()));
            want.sort(null);
            actual.sort(null);
            assertFalse(want.isEmpty(), fact.getKey());
            assertEquals(want, actual, fact.getKey());
        }
    }

    @Test
    void theDimensionsReadWithTheirPartitionColumns() {
        Dataset<Row> regions = spark.read().parquet(fixture.resolve("lake").resolve("dim_region").toString());
        assertTrue(List.of(regions.columns()).contains("county"));
        assertTrue(regions.count() > 0);
        Dataset<Row> sectors = spark.read().parquet(fixture.resolve("lake").resolve("dim_sector").toString());
        assertTrue(sectors.count() > 0);
    }
}
