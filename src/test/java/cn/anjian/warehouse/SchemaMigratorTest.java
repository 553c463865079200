package cn.anjian.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;

import org.duckdb.DuckDBDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class SchemaMigratorTest {

    @TempDir
    Path dir;

    @Test
    void anEmptyFileGetsTheWholeStarSchemaAndItsReferenceData() {
        SingleConnectionDataSource ds = dataSource();
        try {
            new SchemaMigrator(ds).migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);

            assertThat(jdbc.queryForList("SELECT table_name FROM information_schema.tables", String.class))
                    .contains("dim_date", "dim_region", "dim_sector", "code_alias", "dim_department", "dim_enterprise",
                            "dim_inspection_type", "dim_enforcement_action", "fact_inspection", "fact_hazard",
                            "fact_enforcement", "fact_accident", "etl_batch", "etl_reject", "mart_hazard_month",
                            "BATCH_JOB_INSTANCE", "BATCH_STEP_EXECUTION");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM dim_date", Integer.class))
                    .isEqualTo((int) (LocalDate.of(2036, 1, 1).toEpochDay() - LocalDate.of(2015, 1, 1).toEpochDay()));
            assertThat(jdbc.queryForObject("SELECT holiday_name FROM dim_date WHERE date_key = DATE '2023-01-22'", String.class))
                    .isEqualTo("春节");
            assertThat(jdbc.queryForObject("SELECT is_key_period FROM dim_date WHERE date_key = DATE '2023-01-15'", Boolean.class))
                    .isTrue();
            assertThat(jdbc.queryForObject("SELECT is_forest_fire_season FROM dim_date WHERE date_key = DATE '2023-07-01'", Boolean.class))
                    .isFalse();
            assertThat(jdbc.queryForList("SELECT sector_code FROM dim_sector WHERE is_headline ORDER BY sort_order", String.class))
                    .containsExactly("fire", "road_traffic", "town_gas", "self_built_housing", "forest_fire");
            assertThat(jdbc.queryForObject("SELECT code FROM code_alias WHERE domain = 'sector' AND alias = '液化气'", String.class))
                    .isEqualTo("town_gas");
            assertThat(jdbc.queryForObject("SELECT count(*) FROM dim_department", Integer.class)).isEqualTo(9);
            assertThat(jdbc.queryForObject("SELECT ladder_stage FROM dim_enforcement_action WHERE action_code = 'warning'", Integer.class))
                    .isEqualTo(2);
            assertThat(jdbc.queryForObject("SELECT anj_date('2023年1月3日')", LocalDate.class)).isEqualTo(LocalDate.of(2023, 1, 3));
            assertThat(jdbc.queryForObject("SELECT anj_date('44929')", LocalDate.class)).isEqualTo(LocalDate.of(2023, 1, 3));
            assertThat(jdbc.queryForObject("SELECT anj_date(' 2025.8.4 ')", LocalDate.class)).isEqualTo(LocalDate.of(2025, 8, 4));
            // the short way for 2023.1.3 and 2023年1月3日 must not read a day and an hour as one number
            assertThat(jdbc.queryForObject("SELECT anj_date('2023年1月2日9时30分')", LocalDate.class)).isEqualTo(LocalDate.of(2023, 1, 2));
            assertThat(jdbc.queryForObject("SELECT anj_date('20230103')", LocalDate.class)).isEqualTo(LocalDate.of(2023, 1, 3));
            assertThat(jdbc.queryForObject("SELECT anj_date('2023年1月3')", LocalDate.class)).isNull();
            assertThat(jdbc.queryForObject("SELECT anj_date('2023.1.3-2023.1.5')", LocalDate.class)).isNull();
            assertThat(jdbc.queryForObject("SELECT anj_text('\u3000 消防\t')", String.class)).isEqualTo("消防");
            assertThat(jdbc.queryForObject("SELECT anj_text(' 　 ')", String.class)).isNull();
            assertThat(jdbc.queryForObject("SELECT anj_amount('2.5万元')", Double.class)).isEqualTo(25000.0);
            // today is the application clock's, set per connection; without it, China's real date
            assertThat(jdbc.queryForObject("SELECT anj_today() BETWEEN current_date - 1 AND current_date + 1",
                    Boolean.class)).isTrue();
            jdbc.execute("SET VARIABLE anj_today = DATE '2026-12-04'");
            assertThat(jdbc.queryForObject("SELECT anj_today()", LocalDate.class)).isEqualTo(LocalDate.of(2026, 12, 4));
            assertThat(jdbc.queryForObject("SELECT anj_amount('1,200 元')", Double.class)).isEqualTo(1200.0);
        } finally {
            ds.destroy();
        }
    }

    @Test
    void migratingTwiceChangesNothingAndKeepsData() {
        SingleConnectionDataSource ds = dataSource();
        try {
            new SchemaMigrator(ds).migrate();
            JdbcTemplate jdbc = new JdbcTemplate(ds);
            jdbc.update("INSERT INTO dim_region VALUES ('x', '测试村', 'village', NULL, NULL, NULL, false, DATE '1900-01-01', DATE '9999-12-31', NULL, false, NULL)");
            int applied = jdbc.queryForObject("SELECT count(*) FROM anjian_schema_history", Integer.class);

            new SchemaMigrator(ds).migrate();

            assertThat(jdbc.queryForObject("SELECT count(*) FROM anjian_schema_history", Integer.class)).isEqualTo(applied);
            assertThat(jdbc.queryForObject("SELECT count(*) FROM dim_region", Integer.class)).isEqualTo(1);
        } finally {
            ds.destroy();
        }
    }

    @Test
    void anAppliedScriptWhoseTextChangedStopsTheStart() {
        SingleConnectionDataSource ds = dataSource();
        try {
            new SchemaMigrator(ds).migrate();
            new JdbcTemplate(ds).update("UPDATE anjian_schema_history SET checksum = 'tampered' WHERE script = 'V002__facts.sql'");

            assertThatThrownBy(() -> new SchemaMigrator(ds).migrate())
                    .hasMessageContaining("V002__facts.sql").hasMessageContaining("校验和不符");
        } finally {
            ds.destroy();
        }
    }

    private SingleConnectionDataSource dataSource() {
        SingleConnectionDataSource ds = new SingleConnectionDataSource("jdbc:duckdb:" + dir.resolve("w.duckdb"), true);
        ds.setDriverClassName(DuckDBDriver.class.getName());
        return ds;
    }
}
