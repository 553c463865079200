package cn.anjian.demo;

import static cn.anjian.demo.DemoTown.ABOVE_SCALE;
import static cn.anjian.demo.DemoTown.DEPARTMENTS;
import static cn.anjian.demo.DemoTown.MERGE_DATE;
import static cn.anjian.demo.DemoTown.MICRO;
import static cn.anjian.demo.DemoTown.SURNAMES;
import static cn.anjian.demo.DemoTown.GIVEN_NAME_CHARS;
import static cn.anjian.demo.DemoTown.TOWN_NAME;
import static cn.anjian.demo.DemoTown.VILLAGES;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import cn.anjian.demo.DemoTown.Village;
import cn.anjian.demo.DemoTownSimulation.Accident;
import cn.anjian.demo.DemoTownSimulation.Enterprise;
import cn.anjian.demo.DemoTownSimulation.Town;
import cn.anjian.demo.DemoTownSimulation.Version;

/**
 * The demo town's campaign ledgers (issue #16), from the simulated town: above-scale enterprises drilling about twice
 * a year (some late, some not at all) and their heads checking most quarters and reporting each winter; warning
 * education for the heads of enterprises after an accident (most of them); a few tip-offs a month, more in the safety
 * month and in winter; door-knocking in winter; publicity in the safety month and the fire-safety month; and quarterly
 * progress reports of the campaign's progress-measured tasks, with gaps. Rows in the order of the templates.
 */
final class DemoCampaign {

    private static final String[] SCENARIOS = {"火灾疏散逃生演练", "危化品泄漏处置演练", "触电事故应急演练",
            "机械伤害应急演练", "有限空间作业救援演练", "防汛抢险演练", "燃气泄漏处置演练"};
    private static final String[] TIPOFF_TEXTS = {"液化气钢瓶存放在地下室", "电动自行车在楼道内充电", "工地未设安全防护网",
            "厂房内消防通道堆放杂物", "农家乐厨房燃气管道老化", "非法储存烟花爆竹", "自建房擅自加层", "野外焚烧秸秆",
            "特种设备无证操作", "夜间非法加工"};
    private static final String[] SECTORS = {"消防", "城镇燃气", "建筑施工", "自建房", "森林防火", "工贸", "特种设备"};
    private static final String[] HANDLERS = {"安监所", "派出所", "城建办", "林业站", "市场监管所", "执法分局"};

    private final Town town;
    private final LocalDate start;
    private final LocalDate asOf;
    private final SplittableRandom seedStream;

    DemoCampaign(Town town, LocalDate start, LocalDate asOf, long seed) {
        this.town = town;
        this.start = start;
        this.asOf = asOf;
        this.seedStream = new SplittableRandom(seed ^ 0x16CA4_9A16L);
    }

    private Dice dice() {
        return new Dice(seedStream.split());
    }

    /** The version of an enterprise valid on a day, or null before its first. */
    private static Version on(Enterprise e, LocalDate day) {
        Version valid = null;
        for (Version v : e.versions()) {
            if (!v.from().isAfter(day)) {
                valid = v;
            }
        }
        return valid;
    }

    private static boolean exists(Village v, LocalDate day) {
        return !v.merged() || day.isBefore(MERGE_DATE);
    }

    private LocalDate dayIn(Dice d, LocalDate from, int days) {
        return from.plusDays(d.below(Math.max(1, days)));
    }

    List<List<Object>> drills() {
        Dice d = dice();
        List<List<Object>> rows = new ArrayList<>();
        for (Enterprise e : town.enterprises()) {
            for (LocalDate half = start; half.isBefore(asOf); half = half.plusMonths(6)) {
                Version v = on(e, half.plusMonths(3));
                if (v == null || !ABOVE_SCALE.equals(v.scale())) {
                    continue;
                }
                if (d.chance(0.1)) {
                    continue; // no drill this half-year
                }
                // most drill mid-half; some late, a few so late that the drill falls into the next half-year
                LocalDate day = d.chance(0.12) ? half.plusMonths(6).plusDays(d.between(0, 20))
                        : dayIn(d, half.plusDays(20), 150);
                if (day.isAfter(asOf)) {
                    continue;
                }
                rows.add(row(null, day, TOWN_NAME, v.village().name(), e.name(), e.creditCode(),
                        SCENARIOS[d.below(SCENARIOS.length)], d.between(12, 90), "企业安全管理部门", null));
            }
        }
        return rows;
    }

    List<List<Object>> headDuties() {
        Dice d = dice();
        List<List<Object>> rows = new ArrayList<>();
        for (Enterprise e : town.enterprises()) {
            String head = e.contact() == null ? person(d) : e.contact();
            for (LocalDate quarter = start; quarter.isBefore(asOf); quarter = quarter.plusMonths(3)) {
                Version v = on(e, quarter.plusMonths(1));
                if (v == null || !ABOVE_SCALE.equals(v.scale())) {
                    continue;
                }
                if (d.chance(0.86)) {
                    LocalDate day = dayIn(d, quarter, 85);
                    if (!day.isAfter(asOf)) {
                        rows.add(row(null, day, TOWN_NAME, v.village().name(), e.name(), e.creditCode(), head,
                                "季度安全检查", d.poisson(1.2), null));
                    }
                }
                if (quarter.getMonthValue() == 10 && d.chance(0.8)) {
                    LocalDate day = quarter.plusMonths(2).plusDays(d.between(5, 28));
                    if (!day.isAfter(asOf)) {
                        rows.add(row(null, day, TOWN_NAME, v.village().name(), e.name(), e.creditCode(), head,
                                "年度述职", 0, "向职工代表大会述职"));
                    }
                }
            }
        }
        return rows;
    }

    List<List<Object>> trainings() {
        Dice d = dice();
        List<List<Object>> rows = new ArrayList<>();
        for (Accident a : town.accidents()) {
            Enterprise e = a.target().enterprise();
            if (e == null || on(e, a.date()) == null || d.chance(0.15)) {
                continue; // the head of about one accident enterprise in seven skips the warning education
            }
            LocalDate day = a.date().plusDays(d.between(7, 60));
            if (!day.isAfter(asOf)) {
                rows.add(row(null, day, TOWN_NAME, on(e, a.date()).village().name(),
                        e.contact() == null ? person(d) : e.contact(), "主要负责人",
                        e.name(), e.creditCode(), "警示教育", 4, "是", "事故后警示教育培训班"));
            }
        }
        for (Enterprise e : town.enterprises()) {
            for (int year = start.getYear(); year <= asOf.getYear(); year++) {
                LocalDate mid = LocalDate.of(year, 4, 1);
                Version v = on(e, mid);
                if (v == null) {
                    continue;
                }
                boolean above = ABOVE_SCALE.equals(v.scale());
                if (above || e.highRisk()) {
                    add(rows, d, e, v, year, "主要负责人", "安全技能", 1);
                    add(rows, d, e, v, year, "安全管理人员", "安全技能", d.between(1, 3));
                }
                if (e.highRisk()) {
                    add(rows, d, e, v, year, "特种作业人员", "安全技能", d.between(1, 4));
                }
                if (above) {
                    add(rows, d, e, v, year, "新入岗·转岗", "岗前", d.between(1, 5));
                }
                if (MICRO.equals(v.scale()) && d.chance(0.35)) {
                    add(rows, d, e, v, year, "从业人员", "实操与应急处置", d.between(2, 6));
                }
            }
        }
        return rows;
    }

    private void add(List<List<Object>> rows, Dice d, Enterprise e, Version v, int year, String role, String type,
                     int people) {
        for (int i = 0; i < people; i++) {
            LocalDate day = LocalDate.of(year, 1, 1).plusDays(d.below(360));
            if (day.isAfter(asOf) || day.isBefore(start)) {
                continue;
            }
            String name = "主要负责人".equals(role) && e.contact() != null ? e.contact() : person(d);
            rows.add(row(null, day, TOWN_NAME, v.village().name(), name, role, e.name(), e.creditCode(), type,
                    d.chance(0.5) ? 2 : 4, d.chance(0.95) ? "是" : "否", null));
        }
    }

    private static String person(Dice d) {
        return SURNAMES.get(d.below(SURNAMES.size())) + GIVEN_NAME_CHARS.get(d.below(GIVEN_NAME_CHARS.size()))
                + GIVEN_NAME_CHARS.get(d.below(GIVEN_NAME_CHARS.size()));
    }

    List<List<Object>> tipoffs() {
        Dice d = dice();
        List<List<Object>> rows = new ArrayList<>();
        int n = 0;
        for (YearMonth m = YearMonth.from(start); !m.isAfter(YearMonth.from(asOf)); m = m.plusMonths(1)) {
            int month = m.getMonthValue();
            double mean = month == 6 ? 6 : (month == 12 || month <= 2) ? 4.5 : 2.5;
            int count = d.poisson(mean);
            for (int i = 0; i < count; i++) {
                LocalDate received = m.atDay(1 + d.below(m.lengthOfMonth()));
                if (received.isAfter(asOf)) {
                    continue;
                }
                Village v = village(d, received);
                boolean substantiated = d.chance(0.6);
                long days = d.chance(0.12) ? d.between(31, 60) : d.between(3, 28);
                LocalDate closed = received.plusDays(days);
                rows.add(row(String.format("JB%d%04d", received.getYear(), ++n), received,
                        d.chance(0.7) ? "12350" : d.chance(0.5) ? "12345" : "网上举报", TOWN_NAME, v.name(),
                        SECTORS[d.below(SECTORS.length)], null, null, TIPOFF_TEXTS[d.below(TIPOFF_TEXTS.length)],
                        substantiated ? "是" : "否", HANDLERS[d.below(HANDLERS.length)], null,
                        closed.isAfter(asOf) ? null : closed,
                        substantiated && d.chance(0.25) ? 100 * d.between(2, 20) : null));
            }
        }
        return rows;
    }

    List<List<Object>> doorKnocks() {
        Dice d = dice();
        List<List<Object>> rows = new ArrayList<>();
        String[] types = {"独居老人", "独居老人", "独居老人", "老年人", "残疾人", "病患", "留守儿童"};
        for (YearMonth m = YearMonth.from(start); !m.isAfter(YearMonth.from(asOf)); m = m.plusMonths(1)) {
            int month = m.getMonthValue();
            if (month > 2 && month < 11) {
                continue; // the winter campaign: November to February
            }
            for (Village v : VILLAGES) {
                if (!exists(v, m.atDay(1)) || d.chance(0.1)) {
                    continue;
                }
                int visits = d.between(2, 2 + v.size() / 2 + 3);
                for (int i = 0; i < visits; i++) {
                    LocalDate day = m.atDay(1 + d.below(m.lengthOfMonth()));
                    if (day.isAfter(asOf)) {
                        continue;
                    }
                    int found = d.chance(0.4) ? d.between(1, 3) : 0;
                    int fixed = found == 0 ? 0 : d.chance(0.8) ? found : found - 1;
                    String household = v.shortName() + SURNAMES.get(i % SURNAMES.size()) + "家";
                    rows.add(row(null, day, TOWN_NAME, v.name(), household, types[d.below(types.length)],
                            person(d), d.chance(0.3) ? "派出所" : d.chance(0.3) ? "民政办" : null, found, fixed, null));
                }
            }
        }
        return rows;
    }

    List<List<Object>> publicity() {
        Dice d = dice();
        List<List<Object>> rows = new ArrayList<>();
        for (int year = start.getYear(); year <= asOf.getYear(); year++) {
            for (Village v : VILLAGES) {
                LocalDate june = LocalDate.of(year, 6, 1 + d.below(28));
                if (exists(v, june) && d.chance(0.7) && !june.isAfter(asOf)) {
                    rows.add(row(null, june, TOWN_NAME, v.name(), null, "安全生产月", v.shortName() + "安全生产月宣传咨询",
                            d.between(40, 300), null));
                }
                LocalDate nov = LocalDate.of(year, 11, 1 + d.below(28));
                if (exists(v, nov) && d.chance(0.6) && !nov.isAfter(asOf)) {
                    rows.add(row(null, nov, TOWN_NAME, v.name(), "派出所", "消防安全月", v.shortName() + "消防宣传进村入户",
                            d.between(30, 200), null));
                }
                for (int q = 0; q < 4; q++) {
                    LocalDate day = LocalDate.of(year, 1 + 3 * q, 1).plusDays(d.below(85));
                    if (exists(v, day) && d.chance(0.45) && !day.isAfter(asOf)) {
                        rows.add(row(null, day, TOWN_NAME, v.name(), DEPARTMENTS.get(d.below(DEPARTMENTS.size())),
                                "安全宣传“七进”", "安全宣传进" + (d.chance(0.5) ? "学校" : "企业"), d.between(20, 150), null));
                    }
                }
            }
            LocalDate law = LocalDate.of(year, 12, 4);
            if (!law.isAfter(asOf)) {
                rows.add(row(null, law, TOWN_NAME, VILLAGES.get(0).name(), "安监所", "普法宣传", "国家宪法日安全生产法宣传",
                        200, null));
            }
            LocalDate traffic = LocalDate.of(year, 12, 2);
            if (!traffic.isAfter(asOf)) {
                rows.add(row(null, traffic, TOWN_NAME, VILLAGES.get(1).name(), "派出所", "交通安全日", "122全国交通安全日",
                        150, null));
            }
        }
        return rows;
    }

    /**
     * Quarterly progress reports on the campaign tasks that no ledger measures, by each responsible unit over the
     * campaign's months: statuses move on from 未开始 to 已完成; some units never report on a task, some skip a quarter.
     */
    List<List<Object>> progress() {
        Dice d = dice();
        List<List<Object>> rows = new ArrayList<>();
        for (ProgressTask t : progressTasks()) {
            List<String> units = new ArrayList<>(t.departments());
            if (t.villages()) {
                VILLAGES.stream().filter(v -> exists(v, t.from().atDay(1))).forEach(v -> units.add(v.name()));
            }
            for (String unit : units) {
                if (d.chance(0.12)) {
                    continue; // never reports on this task
                }
                int doneAfter = d.between(1, 5); // quarters until done (5: not within the year)
                int q = 0;
                for (YearMonth m = t.from().plusMonths(2); !m.isAfter(t.to()); m = m.plusMonths(3)) {
                    q++;
                    LocalDate day = m.atEndOfMonth().minusDays(d.below(6));
                    if (day.isAfter(asOf) || d.chance(0.2)) {
                        continue;
                    }
                    String status = q >= doneAfter ? "已完成" : q == 1 && d.chance(0.3) ? "未开始" : "推进中";
                    String evidence = d.chance(0.6) ? "诸安监〔" + day.getYear() + "〕" + d.between(1, 60) + "号"
                            : "http://zfa.example.gov.cn/jz/" + t.id() + "/" + day;
                    rows.add(row(null, day, t.id(), TOWN_NAME, unit, status, evidence, null));
                }
            }
        }
        return rows;
    }

    record ProgressTask(String id, YearMonth from, YearMonth to, boolean villages, List<String> departments) {
    }

    /** The progress-measured tasks of the campaign files, with their units as the task table names them. */
    @SuppressWarnings("unchecked")
    static List<ProgressTask> progressTasks() {
        List<ProgressTask> tasks = new ArrayList<>();
        try {
            Resource[] files = new PathMatchingResourcePatternResolver()
                    .getResources("classpath*:dashboards/campaigns/*.yaml");
            Arrays.sort(files, java.util.Comparator.comparing(Resource::getFilename));
            for (Resource r : files) {
                Map<String, Object> doc;
                try (InputStream in = r.getInputStream()) {
                    doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
                }
                YearMonth from = YearMonth.parse(String.valueOf(doc.get("from")));
                YearMonth to = YearMonth.parse(String.valueOf(doc.get("to")));
                for (Map<String, Object> p : (List<Map<String, Object>>) doc.get("pillars")) {
                    for (Map<String, Object> s : (List<Map<String, Object>>) p.get("sections")) {
                        for (Map<String, Object> t : (List<Map<String, Object>>) s.get("tasks")) {
                            boolean progress = ((List<Map<String, Object>>) t.get("measures")).stream()
                                    .anyMatch(m -> Boolean.TRUE.equals(m.get("progress")));
                            if (!progress) {
                                continue;
                            }
                            String who = String.valueOf(t.get("responsible"));
                            List<String> units = t.get("units") instanceof List<?> l
                                    ? l.stream().map(String::valueOf).toList() : List.of();
                            List<String> departments = who.contains("安委会各成员单位") ? DEPARTMENTS
                                    : DEPARTMENTS.stream().filter(dep -> who.contains(dep) || units.contains(dep)).toList();
                            tasks.add(new ProgressTask(String.valueOf(t.get("id")), from, to,
                                    who.contains("各村(社区)"), departments));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tasks;
    }

    private Village village(Dice d, LocalDate day) {
        while (true) {
            Village v = VILLAGES.get(d.below(VILLAGES.size()));
            if (exists(v, day)) {
                return v;
            }
        }
    }

    private static List<Object> row(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

}
