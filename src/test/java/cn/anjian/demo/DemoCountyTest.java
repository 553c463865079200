package cn.anjian.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The demo county (anjian.demo.towns=4, small scale) through the real import: exact rows per town against the
 * ledgers each town wrote, towns that differ in diligence, the county dashboard's ranking and heatmap against direct
 * counts, and a town leader who sees their own town only.
 */
@SpringBootTest
@AutoConfigureMockMvc
class DemoCountyTest {

    static final int TOWNS = 4;
    static final String COUNTY = DemoTown.COUNTY_CODE;
    static final Path FOLDER = folder();
    /** The reasons the demo dirt gets: a clerk reads each as what to fix. */
    static final String CLERKS_REASONS = "未知的村\\(社区\\): 区划表中没有(（所属乡镇: .*）)?|整改期限早于发现日期|不是有效金额"
            + "|与(工作表「.*」)?第 \\d+ 行的编号重复|同一编号在(工作表「.*」)?第 \\d+ 行有更新的记录，以该行为准";

    @DynamicPropertySource
    static void county(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> FOLDER.resolve("county.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
        registry.add("anjian.demo.enabled", () -> "true");
        registry.add("anjian.demo.scale", () -> "0.05");
        registry.add("anjian.demo.towns", () -> String.valueOf(TOWNS));
        registry.add("anjian.demo.folder", () -> FOLDER.resolve("ledgers").toString());
        registry.add("anjian.etl.work-dir", () -> FOLDER.resolve("work").toString());
    }

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    void everyTownLoadsWithExactlyTheRowsOfItsLedgers() throws IOException {
        List<DemoCounty.Town> towns = DemoCounty.towns(TOWNS);
        assertThat(jdbc.queryForList("SELECT region_code FROM dim_region WHERE region_level = 'town' ORDER BY 1",
                String.class)).containsExactlyInAnyOrderElementsOf(towns.stream().map(DemoCounty.Town::code).toList());
        for (DemoCounty.Town town : towns) {
            Path folder = town.original() ? FOLDER.resolve("ledgers") : FOLDER.resolve("ledgers/town-" + town.code());
            assertThat(count("dim_region", "region_level = 'village' AND town_code = ?", town.code()))
                    .as(town.name()).isEqualTo(DemoTown.VILLAGES.size());
            assertThat(count("fact_hazard", "r.town_code = ?", town.code())).as(town.name() + " hazards")
                    .isEqualTo(records(folder, "04-hazards-")).isPositive();
            assertThat(count("fact_inspection", "r.town_code = ?", town.code())).as(town.name() + " inspections")
                    .isEqualTo(records(folder, "03-inspections")).isPositive();
            assertThat(count("fact_enforcement", "r.town_code = ?", town.code())).as(town.name() + " enforcement")
                    .isEqualTo(records(folder, "05-enforcement"));
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM etl_reject", Long.class)).as("the demo dirt")
                .isEqualTo(dirtyRows(towns)).isPositive();
        assertThat(jdbc.queryForList("SELECT DISTINCT reason FROM etl_reject", String.class)).allSatisfy(reason ->
                assertThat(reason).matches(CLERKS_REASONS));
        assertThat(jdbc.queryForObject("SELECT bool_and(is_demo) FROM dim_region", Boolean.class)).isTrue();
    }

    @Test
    void townsDifferInHowDiligentlyTheyKeepTheirLedgers() {
        Map<String, Double> overdue = byTown("""
                SELECT r.town_code, avg(CASE WHEN h.rectified_date IS NULL AND h.deadline_date < DATE '2026-06-15'
                    THEN 1.0 ELSE 0.0 END)
                FROM fact_hazard h JOIN dim_region r ON r.region_code = h.region_code GROUP BY 1""");
        Map<String, Double> monthsWithoutInspections = byTown("""
                SELECT v.town_code, 1.0 * count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM fact_inspection i
                    WHERE i.region_code = v.region_code AND date_trunc('month', i.inspection_date) = m.month_start))
                    / count(*)
                FROM dim_region v, (SELECT DISTINCT date_trunc('month', date_key) AS month_start FROM dim_date
                    WHERE date_key BETWEEN DATE '2023-01-01' AND DATE '2024-06-01') m
                WHERE v.region_level = 'village' AND v.merged_into IS NULL GROUP BY 1""");
        List<DemoCounty.Town> towns = DemoCounty.towns(TOWNS);
        // town 1 leaves village-months out, town 2 leaves hazards overdue (DemoCounty.towns)
        assertThat(monthsWithoutInspections.get(towns.get(1).code()))
                .isGreaterThan(monthsWithoutInspections.get(towns.get(0).code()) + 0.05);
        assertThat(overdue.get(towns.get(2).code())).isGreaterThan(overdue.get(towns.get(0).code()) + 0.10);
    }

    @Test
    @WithAccount(value = Role.LEADER, scope = COUNTY)
    void theCountyDashboardsRankingAndHeatmapEqualDirectCountsPerTown() throws Exception {
        Map<String, Long> direct = jdbc.query("""
                SELECT r.town_code, count(*) FROM fact_hazard h JOIN dim_region r ON r.region_code = h.region_code
                WHERE h.found_date BETWEEN DATE '2025-01-01' AND DATE '2025-12-31' GROUP BY 1""",
                (rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertThat(direct).hasSize(TOWNS);

        assertThat(panel("ranking", "2025-01", "2025-12")).isEqualTo(direct);
        assertThat(panel("heatmap", "2025-01", "2025-12")).isEqualTo(direct);
        for (String id : List.of("sectors", "overdue", "major", "punctuality")) {
            mvc.perform(get("/api/dashboards/county/panels/" + id).param("from", "2025-01").param("to", "2025-12"))
                    .andExpect(status().isOk());
        }
    }

    @Test
    @WithAccount(value = Role.LEADER, scope = "341525101000")
    void aTownLeaderSeesOnlyTheirTown() throws Exception {
        assertThat(panel("ranking", "2025-01", "2025-12")).containsOnlyKeys("341525101000");
        mvc.perform(get("/api/dashboards/county/panels/ranking").param("from", "2025-01").param("to", "2025-12")
                        .param("town", DemoTown.TOWN_CODE))
                .andExpect(status().isForbidden());
    }

    /**
     * The campaign page of a county leader shows one town's board at a time, each cell as that town's leader sees
     * it: a department's column is that town's department, never the sum of every town's.
     */
    @Test
    void theCampaignPageShowsACountyLeaderOneTownsBoardAsItsLeaderSeesIt() throws Exception {
        DemoCounty.Town second = DemoCounty.towns(TOWNS).get(1);
        String url = "/dashboards/campaign?year=2023&month=6";
        org.jsoup.nodes.Document county = page(url + "&town=" + second.code(),
                cn.anjian.security.TestLogins.leader(COUNTY));
        org.jsoup.nodes.Document town = page(url, cn.anjian.security.TestLogins.leader(second.code()));
        assertThat(county.select("select[name=town] option")).hasSize(TOWNS);
        assertThat(county.select("select[name=town] option[selected]").text()).isEqualTo(second.name());
        assertThat(town.select("select[name=town]")).as("one town: no town to choose").isEmpty();
        Map<String, String> cells = cells(county);
        assertThat(cells).isEqualTo(cells(town));
        assertThat(cells.keySet()).as("departments' cells").anyMatch(k -> !k.substring(k.indexOf('|') + 1).matches("\\d+"));
        assertThat(cells.values()).contains("MET", "BEHIND");
        // another town's board differs, a town outside the scope is refused (as every page's town filter is) and
        // an unknown one is not found
        assertThat(cells(page(url + "&town=" + DemoCounty.towns(TOWNS).get(2).code(),
                cn.anjian.security.TestLogins.leader(COUNTY)))).isNotEqualTo(cells);
        mvc.perform(get(url + "&town=" + DemoCounty.towns(TOWNS).get(2).code())
                        .with(cn.anjian.security.TestLogins.leader(second.code())))
                .andExpect(status().isForbidden());
        mvc.perform(get(url + "&town=341525999000").with(cn.anjian.security.TestLogins.leader(COUNTY)))
                .andExpect(status().is4xxClientError());
    }

    private org.jsoup.nodes.Document page(String url,
            org.springframework.test.web.servlet.request.RequestPostProcessor user) throws Exception {
        return org.jsoup.Jsoup.parse(mvc.perform(get(url).with(user)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The board's cells: task|unit → status. */
    private static Map<String, String> cells(org.jsoup.nodes.Document page) {
        Map<String, String> cells = new TreeMap<>();
        for (org.jsoup.nodes.Element cell : page.select("[data-unit][data-status]")) {
            String task = cell.closest("[data-task]").attr("data-task");
            cells.put(task + "|" + cell.attr("data-unit"), cell.attr("data-status"));
        }
        return cells;
    }

    /** The panel's hazards per town (summed over any further dimension such as the month). */
    private Map<String, Long> panel(String id, String from, String to) throws Exception {
        String body = mvc.perform(get("/api/dashboards/county/panels/" + id).param("from", from).param("to", to))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        List<List<Object>> rows = JsonPath.read(body, "$.rows");
        int value = JsonPath.<List<String>>read(body, "$.columns[*].id").indexOf("hazards_found");
        Map<String, Long> perTown = new TreeMap<>();
        for (List<Object> row : rows) {
            perTown.merge(row.get(0).toString(), ((Number) row.get(value)).longValue(), Long::sum);
        }
        return perTown;
    }

    private long count(String table, String where, String town) {
        String from = table.startsWith("fact_")
                ? table + " f JOIN dim_region r ON r.region_code = f.region_code" : table;
        return jdbc.queryForObject("SELECT count(*) FROM " + from + " WHERE " + where, Long.class, town);
    }

    private Map<String, Double> byTown(String sql) {
        return jdbc.query(sql, (rs, i) -> Map.entry(rs.getString(1), rs.getDouble(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /**
     * The records of the town's ledgers whose names start with {@code prefix}: the distinct numbers (first column),
     * since every dirty row the demo writes on purpose copies the number of a clean row.
     */
    private static long records(Path folder, String prefix) throws IOException {
        long n = 0;
        for (Path f : files(folder, prefix)) {
            n += Ledgers.records(f, LedgerFiles.GBK).stream().map(r -> r.values().iterator().next()).distinct().count();
        }
        return n;
    }

    /** The rows the importer should reject: all rows of every town's dirty ledgers less their distinct numbers. */
    private static long dirtyRows(List<DemoCounty.Town> towns) throws IOException {
        long n = 0;
        for (DemoCounty.Town town : towns) {
            Path folder = town.original() ? FOLDER.resolve("ledgers") : FOLDER.resolve("ledgers/town-" + town.code());
            for (String prefix : List.of("03-inspections", "04-hazards-", "05-enforcement")) {
                for (Path f : files(folder, prefix)) {
                    n += Ledgers.records(f, LedgerFiles.GBK).size();
                }
                n -= records(folder, prefix);
            }
        }
        return n;
    }

    private static List<Path> files(Path folder, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().toList();
        }
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("anjian-demo-county-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
