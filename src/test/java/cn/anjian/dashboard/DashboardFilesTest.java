package cn.anjian.dashboard;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.semantic.Catalog;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every dashboard file against the demo town (scale 0.2, imported through the real import path at start): each
 * file loads, names only catalogue ids, and every panel answers with data.
 */
@WithAccount(Role.ADMIN)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class DashboardFilesTest {

    private static final List<String> REQUIRED = List.of("overview", "hazard-trends", "villages", "closed-loop",
            "major-hazards", "inspections", "enforcement", "data-quality", "village", "enterprise");

    @TempDir
    static Path folder;

    @DynamicPropertySource
    static void demoTown(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> folder.resolve("demo.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
        registry.add("anjian.demo.enabled", () -> "true");
        registry.add("anjian.demo.scale", () -> "0.2");
        registry.add("anjian.demo.folder", () -> folder.resolve("ledgers").toString());
        registry.add("anjian.etl.work-dir", () -> folder.resolve("work").toString());
    }

    @Autowired
    Dashboards dashboards;

    @Autowired
    DashboardService service;

    @Autowired
    Catalog catalog;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyRequiredDashboardIsDeclared() {
        assertThat(dashboards.all()).extracting(Dashboard::id).containsAll(REQUIRED);
    }

    @Test
    void everyMetricAndDimensionADashboardNamesIsInTheCatalogue() {
        for (Dashboard d : dashboards.all()) {
            for (Panel p : d.panels()) {
                assertThat(p.metrics()).allSatisfy(m -> assertThat(catalog.metric(m)).as(d.id() + "/" + p.id()).isPresent());
                assertThat(p.dimensions()).allSatisfy(x -> assertThat(catalog.dimension(x)).as(d.id() + "/" + p.id()).isPresent());
            }
        }
    }

    @Test
    void everyPanelOfEveryDashboardReturnsDataOnTheDemoTown() {
        String village = jdbc.queryForObject("""
                SELECT region_code FROM fact_hazard GROUP BY region_code
                ORDER BY count(*) FILTER (WHERE rectified_date IS NULL AND deadline_date < anj_today()
                                            AND found_date >= anj_today() - INTERVAL 11 MONTH) DESC,
                         count(*) DESC
                LIMIT 1""", String.class); // the village page lists overdue hazards: pick a village that has some
        String enterprise = jdbc.queryForObject("""
                SELECT enterprise_code FROM fact_inspection WHERE enterprise_code IS NOT NULL
                GROUP BY enterprise_code ORDER BY count(*) DESC LIMIT 1""", String.class);
        List<String> empty = new ArrayList<>();
        for (Dashboard d : dashboards.all()) {
            Map<String, List<String>> params = switch (d.id()) {
                case "village" -> Map.of("village", List.of(village));
                case "enterprise" -> Map.of("enterprise", List.of(enterprise));
                default -> Map.of();
            };
            for (Panel p : d.panels()) {
                DashboardService.PanelData data = service.panel(d.id(), p.id(), params);
                boolean hasData = !data.rows().isEmpty() && data.rows().stream().anyMatch(row -> row.stream()
                        .anyMatch(v -> v instanceof Number n && n.doubleValue() != 0 || v instanceof String));
                if (!hasData && !d.id().equals("data-quality")) {
                    empty.add(d.id() + "/" + p.id());
                }
                if (p.chart() == ChartType.KPI) {
                    assertThat(data.kpis()).hasSize(p.metrics().size());
                    assertThat(data.kpis()).allSatisfy(k -> assertThat(k.compare().keySet())
                            .containsExactlyElementsOf(p.compare().stream().map(Panel.Comparison::code).toList()));
                }
            }
        }
        assertThat(empty).as("panels without data").isEmpty();
    }
}
