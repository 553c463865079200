package cn.anjian.semantic;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static cn.anjian.semantic.HazardFixture.DONGSHAN;
import static cn.anjian.semantic.HazardFixture.NANLING;
import static cn.anjian.semantic.HazardFixture.XIHE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The query builder against a real DuckDB file: every number it gives from the month mart must equal a direct
 * count over {@code fact_hazard} under the same filters.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@WithAccount(Role.ADMIN)
class MetricQueryServiceTest {

    private static final YearMonth ANCHOR = YearMonth.of(2024, 12);

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("semantic-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    @Autowired
    java.time.Clock clock;

    @Autowired
    MetricQueryService queries;

    @Autowired
    FilterParser parser;

    @Autowired
    Catalog catalog;

    @Autowired
    DSLContext dsl;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void fill(@Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts) {
        HazardFixture.insert(jdbc, ANCHOR);
        marts.refresh();
    }

    @Test
    void totalEqualsADirectCountForSeveralFilterCombinations() {
        for (Filters filters : combinations()) {
            QueryResult result = queries.run(new MetricQuery(List.of("hazards_found"), List.of(), filters, null, null));

            assertThat(result.rows()).hasSize(1);
            assertThat(result.rows().get(0).get(0)).as("total under %s", filters).isEqualTo(directCount(filters, null, null, null));
        }
    }

    @Test
    void aSparklineAndItsTotalFromOneScanEqualTheTwoQueriesAskedApart() {
        // a mart metric, as-of states, a ratio and a percentile over the facts, and a second table (two statements)
        List<List<String>> metricSets = List.of(List.of("hazards_found"),
                List.of("hazards_found", "hazards_open", "rectification_rate", "p90_days_to_rectify"),
                List.of("hazards_found", "hazards_overdue", "inspections"));
        for (Filters filters : combinations()) {
            for (List<String> metrics : metricSets) {
                MetricQuery byMonth = new MetricQuery(metrics, List.of("month"), filters, null, null);
                QueryResult[] both = queries.runWithTotal(byMonth);

                assertThat(both).as("%s under %s", metrics, filters).isNotNull();
                QueryResult apart = queries.run(byMonth);
                QueryResult total = queries.run(new MetricQuery(metrics, List.of(), filters, null, null));
                assertThat(both[0].rows()).as("by month, %s under %s", metrics, filters).isEqualTo(apart.rows());
                assertThat(both[0].columns()).isEqualTo(apart.columns());
                assertThat(both[1].rows()).as("total, %s under %s", metrics, filters).isEqualTo(total.rows());
                assertThat(both[1].columns()).isEqualTo(total.columns());
                assertThat(both[1].rows().get(0).get(0)).isEqualTo(directCount(filters, null, null, null));
            }
        }
    }

    @Test
    void everyMonthAndSectorCellEqualsADirectCount() {
        for (Filters filters : combinations()) {
            QueryResult result = queries.run(new MetricQuery(List.of("hazards_found"), List.of("month", "sector"),
                    filters, List.of("month"), null));

            long sum = 0;
            for (List<Object> row : result.rows()) {
                long value = (Long) row.get(2);
                assertThat(value).as("%s %s under %s", row.get(0), row.get(1), filters)
                        .isEqualTo(directCount(filters, YearMonth.parse((String) row.get(0)), (String) row.get(1), null));
                sum += value;
            }
            assertThat(sum).isEqualTo(directCount(filters, null, null, null));
        }
    }

    @Test
    void villageRankingEqualsDirectCountsLargestFirst() {
        Filters filters = new Filters(YearMonth.of(2024, 1), ANCHOR, List.of(), List.of());

        QueryResult result = queries.run(new MetricQuery(List.of("hazards_found"), List.of("village"), filters,
                List.of("-hazards_found"), 30));

        assertThat(result.rows()).hasSize(3);
        List<Long> values = new ArrayList<>();
        for (List<Object> row : result.rows()) {
            assertThat(row.get(1)).isEqualTo(directCount(filters, null, null, (String) row.get(0)));
            values.add((Long) row.get(1));
        }
        assertThat(values).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(result.labels().get("village")).extracting(Member::code)
                .containsExactlyInAnyOrder(DONGSHAN, XIHE, NANLING);
        assertThat(result.labels().get("village")).extracting(m -> m.label().zh())
                .contains("东山村", "南岭社区");
    }

    @Test
    void monthsComeBackAsYearMonthTextAndOnlyInsideTheRange() {
        Filters filters = new Filters(YearMonth.of(2024, 3), YearMonth.of(2024, 5), List.of(), List.of());

        QueryResult result = queries.run(new MetricQuery(List.of("hazards_found"), List.of("month"), filters, null, null));

        assertThat(result.rows()).extracting(row -> row.get(0)).containsExactly("2024-03", "2024-04", "2024-05");
        assertThat(result.columns()).extracting(QueryResult.Column::id).containsExactly("month", "hazards_found");
    }

    @Test
    void headlineSectorsComeFirstAndOtherSectorsAreKept() {
        Filters filters = new Filters(YearMonth.of(2023, 11), ANCHOR, List.of(), List.of());

        QueryResult result = queries.run(new MetricQuery(List.of("hazards_found"), List.of("month", "sector"),
                filters, null, null));

        assertThat(result.labels().get("sector")).extracting(Member::code).containsExactly(
                "fire", "road_traffic", "town_gas", "self_built_housing", "forest_fire",
                "construction", "hazchem", "tourism");
        assertThat(result.labels().get("sector").get(0).label()).isEqualTo(Label.of("消防", "Fire"));
        assertThat(result.labels().get("sector")).filteredOn(Member::headline).hasSize(5);
    }

    @Test
    void anEmptySelectionGivesNoRowsAndAZeroTotal() {
        Filters filters = new Filters(YearMonth.of(2020, 1), YearMonth.of(2020, 12), List.of(), List.of());

        assertThat(queries.run(new MetricQuery(List.of("hazards_found"), List.of("month", "sector"), filters, null,
                null)).rows()).isEmpty();
        assertThat(queries.run(new MetricQuery(List.of("hazards_found"), List.of(), filters, null, null)).rows())
                .containsExactly(List.of(0L));
    }

    @Test
    void theRowScopeRestrictsEveryQueryAndNoFilterCanWidenIt() {
        RowScope dongshanOnly = region -> region.eq(DONGSHAN);
        MemberRepository scopedMembers = new MemberRepository(dsl, dongshanOnly);
        MetricQueryService scoped = new MetricQueryService(dsl, catalog, scopedMembers, dongshanOnly, clock, new ParallelQueries());
        Filters all = new Filters(YearMonth.of(2023, 11), ANCHOR, List.of(), List.of());
        Filters xihe = new Filters(YearMonth.of(2023, 11), ANCHOR, List.of(), List.of(XIHE));

        assertThat(scoped.run(new MetricQuery(List.of("hazards_found"), List.of(), all, null, null)).rows().get(0).get(0))
                .isEqualTo(directCount(all, null, null, DONGSHAN));
        assertThat(scoped.run(new MetricQuery(List.of("hazards_found"), List.of(), xihe, null, null)).rows().get(0).get(0))
                .isEqualTo(0L);
        assertThat(scoped.run(new MetricQuery(List.of("hazards_found"), List.of("village"), all, null, null)).rows())
                .extracting(row -> row.get(0)).containsExactly(DONGSHAN);
        assertThat(scopedMembers.villages()).extracting(Member::code).containsExactly(DONGSHAN);
        assertThatThrownBy(() -> new FilterParser(scopedMembers).parse(null, null, null, List.of(XIHE), all))
                .isInstanceOf(InvalidFilterException.class)
                .extracting(e -> ((InvalidFilterException) e).parameter()).isEqualTo("village");
    }

    @Test
    void filterValuesReachSqlOnlyAsBindValues() {
        Filters filters = new Filters(YearMonth.of(2024, 1), YearMonth.of(2024, 2), List.of("fire"), List.of(XIHE));

        String sql = dsl.render(filters.on(Source.HAZARD_MONTH));

        assertThat(sql).doesNotContain("fire").doesNotContain(XIHE).doesNotContain("2024").contains("?");
    }

    @Test
    void injectionAttemptsInParametersAreRejectedNamingTheParameter() {
        Filters defaults = new Filters(YearMonth.of(2024, 1), ANCHOR, List.of(), List.of());
        long before = jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class);

        assertRejected(() -> parser.parse("2024-01' OR '1'='1", null, null, null, defaults), "from");
        assertRejected(() -> parser.parse(null, "2024-12; DROP TABLE fact_hazard; --", null, null, defaults), "to");
        assertRejected(() -> parser.parse(null, null, List.of("fire') OR 1=1 --"), null, defaults), "sector");
        assertRejected(() -> parser.parse(null, null, null, List.of("' UNION SELECT * FROM dim_region --"), defaults),
                "village");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class)).isEqualTo(before);
    }

    @Test
    void malformedMonthsAndReversedRangesAreRejected() {
        Filters defaults = new Filters(YearMonth.of(2024, 1), ANCHOR, List.of(), List.of());

        assertRejected(() -> parser.parse("2024-13", null, null, null, defaults), "from");
        assertRejected(() -> parser.parse("2024-1", null, null, null, defaults), "from");
        assertRejected(() -> parser.parse(null, "24-01", null, null, defaults), "to");
        assertRejected(() -> parser.parse("2024-06", "2024-05", null, null, defaults), "from");
        assertRejected(() -> parser.parse(null, null, List.of("fire", "no_such_sector"), null, defaults), "sector");
    }

    @Test
    void absentParametersTakeTheDefaultsAndCommaListsAreSplit() {
        Filters defaults = new Filters(YearMonth.of(2024, 1), ANCHOR, List.of("fire"), List.of());

        assertThat(parser.parse(null, " ", null, null, defaults)).isEqualTo(defaults);
        assertThat(parser.parse(null, null, List.of(""), null, defaults).sectors())
                .as("a present but empty list means all").isEmpty();
        assertThat(parser.parse("2024-03", "2024-04", List.of("fire,town_gas", "fire"), List.of(DONGSHAN + "," + XIHE),
                defaults)).isEqualTo(new Filters(YearMonth.of(2024, 3), YearMonth.of(2024, 4),
                List.of("fire", "town_gas"), List.of(DONGSHAN, XIHE)));
    }

    private static void assertRejected(Runnable parse, String parameter) {
        assertThatThrownBy(parse::run)
                .isInstanceOf(InvalidFilterException.class)
                .satisfies(e -> {
                    InvalidFilterException invalid = (InvalidFilterException) e;
                    assertThat(invalid.parameter()).isEqualTo(parameter);
                    assertThat(invalid.getStatusCode().value()).isEqualTo(400);
                    assertThat(invalid.getBody().getDetail()).contains(parameter);
                });
    }

    private static List<Filters> combinations() {
        return List.of(
                new Filters(YearMonth.of(2024, 1), ANCHOR, List.of(), List.of()),
                new Filters(YearMonth.of(2023, 11), ANCHOR, List.of(), List.of()),
                new Filters(YearMonth.of(2024, 3), YearMonth.of(2024, 5), List.of("fire"), List.of()),
                new Filters(YearMonth.of(2024, 1), ANCHOR, List.of(), List.of(XIHE)),
                new Filters(YearMonth.of(2024, 6), YearMonth.of(2024, 6), List.of("fire", "town_gas", "hazchem"),
                        List.of(DONGSHAN, NANLING)),
                new Filters(YearMonth.of(2024, 2), YearMonth.of(2024, 9), List.of("tourism"), List.of(NANLING)));
    }

    /** The reference answer: a plain count over the fact table, written independently of the builder. */
    private long directCount(Filters f, YearMonth month, String sector, String village) {
        StringBuilder sql = new StringBuilder("SELECT count(*) FROM fact_hazard WHERE found_date >= ? AND found_date <= ?");
        List<Object> args = new ArrayList<>(List.of(f.from().atDay(1), f.to().atEndOfMonth()));
        if (!f.sectors().isEmpty()) {
            sql.append(" AND sector_code IN (").append(placeholders(f.sectors().size())).append(')');
            args.addAll(f.sectors());
        }
        if (!f.villages().isEmpty()) {
            sql.append(" AND region_code IN (").append(placeholders(f.villages().size())).append(')');
            args.addAll(f.villages());
        }
        if (month != null) {
            sql.append(" AND found_date BETWEEN ? AND ?");
            args.add(month.atDay(1));
            args.add(month.atEndOfMonth());
        }
        if (sector != null) {
            sql.append(" AND sector_code = ?");
            args.add(sector);
        }
        if (village != null) {
            sql.append(" AND region_code = ?");
            args.add(village);
        }
        return jdbc.queryForObject(sql.toString(), Long.class, args.toArray());
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }
}
