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
        try {
            run(args);
        } catch (Exception e) {
            System.err.println("panel bench FAILED: " + e);
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "/tmp/anjian-bench/panels.duckdb").toAbsolutePath();
        long hazards = args.length > 1 ? Long.parseLong(args[1].replace("_", "")) : 10_000_000L;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int warmups = Math.min(3, runs);
        Files.createDirectories(file.getParent());
        try (ConfigurableApplicationContext ctx = start(file)) {
            JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
            build(ctx, hazards);
            // a county leader's view: the whole warehouse in scope (without a user the row scope shows nothing)
            var admin = org.springframework.security.core.context.SecurityContextHolder.createEmptyContext();
            admin.setAuthentication(org.springframework.security.authentication.UsernamePasswordAuthenticationToken
                    .authenticated("bench", null, List.of(new org.springframework.security.core.authority.SimpleGrantedAuthority("ROLE_ADMIN"))));
            org.springframework.security.core.context.SecurityContextHolder.setContext(admin);
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
            double[] load = {loadAverage(), loadAverage(), 0}; // before, highest, after
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    load[1] = Math.max(load[1], loadAverage());
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            System.out.println("| dashboard | panel | chart | SQL statements | p50 ms | p95 ms | raw SQL p95 ms | ratio | CPU ms a call |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
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
                List<String> pageSql = new ArrayList<>();
                for (Panel p : d.panels()) {
                    for (int i = 0; i < warmups; i++) {
                        service.panel(d.id(), p.id(), params); // warm
                    }
                    long[] times = new long[runs];
                    long cpu = processCpuNanos();
                    for (int i = 0; i < runs; i++) {
                        captured.clear();
                        long t = System.nanoTime();
                        service.panel(d.id(), p.id(), params);
                        times[i] = System.nanoTime() - t;
                        dashboardTimes[i] += times[i];
                    }
                    double cpuMs = (processCpuNanos() - cpu) / 1e6 / runs;
                    List<String> sqls = new ArrayList<>(captured);
                    pageSql.addAll(sqls);
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
                    System.out.printf("| %s | %s | %s | %d | %.1f | %.1f | %.1f | %.2f | %.1f |%n", d.id(), p.id(),
                            p.chart().code(), sqls.size(), pct(times, 50), p95, rawP95, p95 / rawP95, cpuMs);
                }
                // as the page loads it: every panel requested at once (a browser opens 6 connections per host)
                long[] pageTimes = new long[runs];
                long pageCpu = 0;
                for (int i = 0; i < runs + warmups; i++) {
                    long cpu = processCpuNanos();
                    long t = System.nanoTime();
                    List<java.util.concurrent.Future<?>> all = new ArrayList<>();
                    for (Panel p : d.panels()) {
                        all.add(browser.submit(() -> service.panel(d.id(), p.id(), params)));
                    }
                    for (var f : all) {
                        f.get();
                    }
                    if (i >= warmups) {
                        pageTimes[i - warmups] = System.nanoTime() - t;
                        pageCpu += processCpuNanos() - cpu;
                    }
                }
                // the floor of the page: the same statements, raw over JDBC, all at once from the same 6 threads
                long[] rawPage = new long[runs];
                for (int i = 0; i < runs + warmups; i++) {
                    long t = System.nanoTime();
                    List<java.util.concurrent.Future<?>> all = new ArrayList<>();
                    for (String sql : pageSql) {
                        all.add(browser.submit(() -> jdbc.queryForList(sql)));
                    }
                    for (var f : all) {
                        f.get();
                    }
                    if (i >= warmups) {
                        rawPage[i - warmups] = System.nanoTime() - t;
                    }
                }
                dashboardLines.add(String.format("| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %.1f |", d.id(),
                        d.panels().size(), pct(pageTimes, 50), pct(pageTimes, 95), pct(dashboardTimes, 50),
                        pct(dashboardTimes, 95), pageCpu / 1e6 / runs, pageSql.size(), pct(rawPage, 95)));
            }
            System.out.println();
            System.out.println("| dashboard | panels | page p50 ms (panels at once) | page p95 ms | one after another p50 ms | one after another p95 ms | page CPU ms | page SQL statements | raw SQL page p95 ms (all at once) |");
            System.out.println("|---|---|---|---|---|---|---|---|---|");
            dashboardLines.forEach(System.out::println);
            browser.shutdown();
            sampler.interrupt();
            load[2] = loadAverage();
            System.out.printf("%nload average (1 min) while timing: %.2f before, %.2f highest, %.2f after; nproc %d%n",
                    load[0], load[1], load[2], Runtime.getRuntime().availableProcessors());
        }
    }

    /**
     * A fresh scratch warehouse in {@code file} (deleted first: a half-made one from a failed run must never be
     * timed, issue #18), the application booted on it (non-web, no demo).
     */
    public static ConfigurableApplicationContext start(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.deleteIfExists(Path.of(file + ".wal"));
        SpringApplication app = new SpringApplication(AnjianApplication.class);
        app.setWebApplicationType(WebApplicationType.NONE);
        // command-line properties: they override application.properties, default properties would not
        return app.run("--anjian.warehouse.path=" + file,
                "--anjian.etl.work-dir=" + file.getParent().resolve("panels-etl"),
                "--anjian.demo.enabled=false", "--anjian.warehouse.memory-limit=6GB", "--logging.level.root=warn");
    }

    /**
     * Fills the warehouse with bench/panels/generate.sql for {@code hazards} hazards, refreshes the marts and checks
     * every table against what was asked for (exit through an exception otherwise). Also used by the lake bench.
     */
    public static void build(ConfigurableApplicationContext ctx, long hazards) throws Exception {
        JdbcTemplate jdbc = ctx.getBean(JdbcTemplate.class);
        // the other facts scale with the hazards (10 M: 2 M inspections, 200 k enforcement actions, 2 k accidents)
        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        expected.put("fact_hazard", hazards);
        expected.put("fact_inspection", Math.max(1, hazards / 5));
        expected.put("fact_enforcement", Math.max(1, hazards / 50));
        expected.put("fact_accident", Math.max(1, hazards / 5000));
        expected.put("dim_region", 1L + 12 + 240); // the county, 12 towns, 20 villages each
        expected.put("dim_enterprise", 40_000L);
        expected.put("etl_reject", 5_000L);
        long g = System.nanoTime();
        for (String sql : Files.readString(Path.of("bench/panels/generate.sql")).split(";\\s*\\n")) {
            if (!sql.isBlank()) {
                jdbc.execute(sql.replace("${HAZARDS}", Long.toString(hazards))
                        .replace("${INSPECTIONS}", Long.toString(expected.get("fact_inspection")))
                        .replace("${ENFORCEMENT}", Long.toString(expected.get("fact_enforcement")))
                        .replace("${ACCIDENTS}", Long.toString(expected.get("fact_accident"))));
            }
        }
        System.out.printf("generated in %.1f s%n", (System.nanoTime() - g) / 1e9);
        g = System.nanoTime();
        ctx.getBean(MartRefresher.class).refresh();
        System.out.printf("marts refreshed in %.1f s%n", (System.nanoTime() - g) / 1e9);
        // refuse to time what was not built: every table holds what generate.sql was asked for
        expected.put("mart_hazard_month: sum(found_count)", hazards);
        List<String> wrong = new ArrayList<>();
        StringBuilder counts = new StringBuilder("rows:");
        for (var e : expected.entrySet()) {
            String sql = e.getKey().startsWith("mart_hazard_month")
                    ? "SELECT coalesce(sum(found_count), 0) FROM mart_hazard_month"
                    : "SELECT count(*) FROM " + e.getKey();
            long n = jdbc.queryForObject(sql, Long.class);
            counts.append(String.format(" %s %,d;", e.getKey(), n));
            if (n != e.getValue()) {
                wrong.add(String.format("%s has %,d rows, generated %,d", e.getKey(), n, e.getValue()));
            }
        }
        // every town holds hazards, in the shares generate.sql gives them (its size and diligence)
        List<Map<String, Object>> towns = jdbc.queryForList("SELECT t.region_name AS town, count(h.hazard_no) AS hazards, "
                + "count(h.hazard_no) FILTER (WHERE h.open_until > current_date AND h.deadline_date < current_date) AS overdue "
                + "FROM dim_region t LEFT JOIN dim_region v ON v.town_code = t.region_code "
                + "LEFT JOIN fact_hazard h ON h.region_code = v.region_code WHERE t.region_level = 'town' "
                + "GROUP BY t.region_code, t.region_name ORDER BY t.region_code");
        counts.append(" towns");
        for (Map<String, Object> t : towns) {
            counts.append(String.format(" %s %,d (overdue %,d)", t.get("town"), t.get("hazards"), t.get("overdue")));
            if (((Number) t.get("hazards")).longValue() == 0) {
                wrong.add("town " + t.get("town") + " has no hazards");
            }
        }
        if (towns.size() != 12) {
            wrong.add("the county has " + towns.size() + " towns, generated 12");
        }
        System.out.println(counts);
        if (!wrong.isEmpty()) {
            throw new IllegalStateException("the scratch warehouse is not what generate.sql was asked for ("
                    + String.join("; ", wrong) + "): refusing to time it");
        }
    }

    /** CPU time of this process, all threads (DuckDB's workers included): less sensitive to the machine's load. */
    private static long processCpuNanos() {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os.getProcessCpuTime();
    }

    /** The 1-minute load average of the machine (other helpers' builds share its two cores). */
    private static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        java.util.Arrays.sort(s);
        int i = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, i)] / 1e6;
    }
}
