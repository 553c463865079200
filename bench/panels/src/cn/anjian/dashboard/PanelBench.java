package cn.anjian.dashboard;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.impl.DefaultExecuteListenerProvider;

import cn.anjian.AnjianApplication;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Panel speed at province scale (bench/panels/run.sh): a scratch warehouse with 10 M hazards (plus inspections,
 * enforcement, enterprises) made by DuckDB SQL, marts refreshed, then every panel of every dashboard through the
 * real service (filters, scope, as-of, labels, JSON-ready rows) with default filters, warm, p50/p95 over N runs;
 * each panel's SQL is also run raw over JDBC in the same run to give the layer's overhead ratio.
 */
public final class PanelBench {

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/anjian-bench/panels.duckdb");
        long hazards = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        Files.createDirectories(file.getParent());
        boolean fresh = !Files.exists(file);
        SpringApplication app = new SpringApplication(AnjianApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        // command-line properties: they override application.properties, default properties would not
        try (ConfigurableApplicationContext ctx = app.run("--anjian.warehouse.path=" + file,
                "--anjian.demo.enabled=false", "--anjian.warehouse.memory-limit=6GB", "--logging.level.root=warn")) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            if (fresh) {
                long t = System.nanoTime();
                for (String sql : Files.readString(Path.of("bench/panels/generate.sql")).split(";\\s*\\n")) {
                    if (!sql.isBlank()) {
                        jdbc.execute(sql.replace("${HAZARDS}", Long.toString(hazards)));
                    }
                }
                System.out.printf("generated in %.1f s%n", (System.nanoTime() - t) / 1e9);
                t = System.nanoTime();
                ctx.getBean(MartRefresher.class).refresh();
                System.out.printf("marts refreshed in %.1f s%n", (System.nanoTime() - t) / 1e9);
            }
            // a county leader's view: the whole warehouse in scope (without a user the row scope shows nothing)
            var admin = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
            admin.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                    .authenticated("bench", null, List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN"))));
            org.springframework.security.core.context.SecurityContextHolder.setContext(admin);
            System.out.println("fact_hazard rows: " + jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class));
            DashboardService service = ctx.getBean(DashboardService.class);
            Dashboards dashboards = ctx.getBean(Dashboards.class);
            org.jooq.DSLContext dsl = ctx.getBean(org.jooq.DSLContext.class);
            List<String> captured = Collections.synchronizedList(new ArrayList<>());
            dsl.configuration().set(new DefaultExecuteListenerProvider(new ExecuteListener() {
                @Override
                public void executeStart(ExecuteContext c) {
                    captured.add(dsl.renderInlined(c.query()));
                }
            }));
            String village = jdbc.queryForObject("SELECT min(region_code) FROM dim_region WHERE region_level = 'village'", String.class);
            String enterprise = jdbc.queryForObject("SELECT min(enterprise_code) FROM dim_enterprise", String.class);
            System.out.println("| dashboard | panel | chart | SQL statements | p50 ms | p95 ms | raw SQL p95 ms | ratio |");
            System.out.println("|---|---|---|---|---|---|---|---|");
            List<String> dashboardLines = new ArrayList<>();
            var browser = new org.springframework.security.concurrent.DelegatingSecurityContextExecutorService(
                    java.util.concurrent.Executors.newFixedThreadPool(6));
            for (Dashboard d : dashboards.all()) {
                Map<String, List<String>> params = switch (d.id()) {
                    case "village" -> Map.of("village", List.of(village));
                    case "enterprise" -> Map.of("enterprise", List.of(enterprise));
                    default -> Map.of();
                };
                long[] dashboardTimes = new long[runs];
                for (Panel p : d.panels()) {
                    for (int i = 0; i < 3; i++) {
                        service.panel(d.id(), p.id(), params); // warm
                    }
                    long[] times = new long[runs];
                    for (int i = 0; i < runs; i++) {
                        captured.clear();
                        long t = System.nanoTime();
                        service.panel(d.id(), p.id(), params);
                        times[i] = System.nanoTime() - t;
                        dashboardTimes[i] += times[i];
                    }
                    List<String> sqls = new ArrayList<>(captured);
                    if (System.getenv("PANEL_SQL_DIR") != null) { // for EXPLAIN ANALYZE by hand
                        Path dir = Files.createDirectories(Path.of(System.getenv("PANEL_SQL_DIR")));
                        Files.writeString(dir.resolve(d.id() + "." + p.id() + ".sql"), String.join(";\n", sqls) + ";\n");
                    }
                    long[] raw = new long[runs];
                    for (int i = 0; i < runs; i++) {
                        long t = System.nanoTime();
                        for (String sql : sqls) {
                            jdbc.queryForList(sql);
                        }
                        raw[i] = System.nanoTime() - t;
                    }
                    double p95 = pct(times, 95);
                    double rawP95 = pct(raw, 95);
                    System.out.printf("| %s | %s | %s | %d | %.1f | %.1f | %.1f | %.2f |%n", d.id(), p.id(),
                            p.chart().code(), sqls.size(), pct(times, 50), p95, rawP95, p95 / rawP95);
                }
                // as the page loads it: every panel requested at once (a browser opens 6 connections per host)
                long[] pageTimes = new long[runs];
                for (int i = 0; i < runs + 3; i++) {
                    long t = System.nanoTime();
                    List<java.util.concurrent.Future<?>> all = new ArrayList<>();
                    for (Panel p : d.panels()) {
                        all.add(browser.submit(() -> service.panel(d.id(), p.id(), params)));
                    }
                    for (var f : all) {
                        f.get();
                    }
                    if (i >= 3) {
                        pageTimes[i - 3] = System.nanoTime() - t;
                    }
                }
                dashboardLines.add(String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f |", d.id(), d.panels().size(),
                        pct(pageTimes, 50), pct(pageTimes, 95), pct(dashboardTimes, 50), pct(dashboardTimes, 95)));
            }
            System.out.println();
            System.out.println("| dashboard | panels | page p50 ms (panels at once) | page p95 ms | one after another p50 ms | one after another p95 ms |");
            System.out.println("|---|---|---|---|---|---|");
            dashboardLines.forEach(System.out::println);
            browser.shutdown();
        }
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        java.util.Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, i)] / 1e6;
    }
}
