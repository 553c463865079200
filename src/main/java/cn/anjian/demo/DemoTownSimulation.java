package cn.anjian.demo;

import static cn.anjian.demo.DemoTown.*;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Lives through the demo town's supervision work from 2022-01-01 to an as-of day and records it: its enterprises,
 * accidents, inspections, the hazards they found and how those were rectified, and the enforcement that followed.
 * Everything is drawn from one seed; {@code scale} multiplies the number of enterprises and of checked targets,
 * not the number of villages (a town is a town).
 *
 * <p>The parts: {@link DemoPeople} names people and places, {@link DemoEnterprises} founds the enterprises,
 * {@link DemoInspections} keeps the inspection calendar (following {@link DemoSeasons}); accidents, hazards with
 * their rectification, and enforcement are drawn here.
 *
 * <p>The shapes the dashboards should show are built in on purpose: sector seasonality (forest fire in Oct–Apr and
 * around 春节/清明, town gas in winter and after mid-2023's gas campaign, the self-built housing drive from mid-2022,
 * road traffic around holidays), three villages with gaps in their monthly checks, a long tail of late
 * rectifications, about 2 % major hazards, and repeat offenders climbing the three-step enforcement ladder.
 */
final class DemoTownSimulation {

    static final LocalDate START = LocalDate.of(2022, 1, 1);

    private final long seed;
    private final double scale;
    private final LocalDate asOf;

    DemoTownSimulation(long seed, double scale, LocalDate asOf) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("scale must be positive: " + scale);
        }
        if (asOf.isBefore(START.plusMonths(1))) {
            throw new IllegalArgumentException("as-of day must be after " + START.plusMonths(1) + ": " + asOf);
        }
        this.seed = seed;
        this.scale = scale;
        this.asOf = asOf;
    }

    // ----------------------------------------------------------------------------------------------- the records

    /** One version of an enterprise's slowly changing attributes (type-2 history), valid from a day. */
    record Version(LocalDate from, Village village, String scale, boolean key) {
    }

    /** A production or business unit (生产经营单位); creditCode is null for the few listed by owner only. */
    record Enterprise(int id, String creditCode, String name, String sector, Form form, boolean highRisk,
                      boolean crowded, String address, String contact, boolean repeatOffender,
                      List<Version> versions) {

        LocalDate since() {
            return versions.get(0).from();
        }

        boolean activeOn(LocalDate day) {
            return !day.isBefore(since());
        }

        Version on(LocalDate day) {
            Version current = versions.get(0);
            for (Version v : versions) {
                if (!v.from().isAfter(day)) {
                    current = v;
                }
            }
            return current;
        }
    }

    /** What was checked: an enterprise, or a place or household (forest area, road section, house). */
    record Target(String name, String sector, Enterprise enterprise) {

        String creditCode() {
            return enterprise == null ? null : enterprise.creditCode();
        }
    }

    record Inspection(String no, LocalDate date, Village village, Target target, String department, String type,
                      String inspector, boolean ledByLeader, boolean doubleRandom, int hazards, String note) {

        Inspection numbered(String number) {
            return new Inspection(number, date, village, target, department, type, inspector, ledByLeader,
                    doubleRandom, hazards, note);
        }
    }

    /** The 五落实 flags, kept for major hazards only. */
    record FiveImplementations(boolean responsibility, boolean measures, boolean funds, boolean timeLimit,
                               boolean contingency) {
    }

    /** A hazard as its ledger shows it on the as-of day: later dates are not known yet, hence null. */
    record Hazard(String no, LocalDate found, Village village, Target target, String description, boolean major,
                  String department, String inspectionNo, LocalDate deadline, LocalDate rectified,
                  LocalDate verified, LocalDate closed, String status, Long funds, FiveImplementations five,
                  Boolean published) {

        Hazard numbered(String number) {
            return new Hazard(number, found, village, target, description, major, department, inspectionNo, deadline,
                    rectified, verified, closed, status, funds, five, published);
        }
    }

    record Enforcement(String caseNo, LocalDate date, Village village, Target target, String department,
                       String action, Integer stage, Long fineProposed, Long fineFinal, String hazardNo,
                       String inspectionNo, String description) {

        Enforcement numbered(String number) {
            return new Enforcement(number, date, village, target, department, action, stage, fineProposed, fineFinal,
                    hazardNo, inspectionNo, description);
        }
    }

    record Accident(String no, LocalDate date, Village village, String sector, Target target, int deaths,
                    int injuries, long directLoss, boolean concealed, String description) {

        Accident numbered(String number) {
            return new Accident(number, date, village, sector, target, deaths, injuries, directLoss, concealed,
                    description);
        }
    }

    record Town(List<Enterprise> enterprises, List<Accident> accidents, List<Inspection> inspections,
                List<Hazard> hazards, List<Enforcement> enforcement) {
    }

    // ------------------------------------------------------------------------------------------------ the story

    Town run() {
        // One independent stream per part, so changing one part of the story does not reshuffle the others.
        Dice root = new Dice(new SplittableRandom(seed));
        Dice peopleDice = root.split();
        Dice enterpriseDice = root.split();
        Dice accidentDice = root.split();
        Dice inspectionDice = root.split();
        Dice hazardDice = root.split();
        Dice enforcementDice = root.split();

        DemoPeople people = new DemoPeople(peopleDice);
        List<Enterprise> enterprises = new DemoEnterprises(enterpriseDice, people, scale, asOf).create();
        List<Accident> accidents = accidents(accidentDice, enterprises, people);
        List<Inspection> inspections = new DemoInspections(inspectionDice, people, new DemoSeasons(), enterprises,
                accidents, scale, asOf).create();
        List<Hazard> hazards = hazards(hazardDice, inspections, enterprises, people);
        List<Enforcement> enforcement = enforcement(enforcementDice, inspections, hazards, accidents);
        return new Town(enterprises, accidents, inspections, hazards, enforcement);
    }

    /** A village that still keeps its own ledgers on the day, the bigger ones more likely. */
    static Village activeVillage(Dice dice, LocalDate day) {
        return dice.weighted(VILLAGES, v -> v.activeOn(day) ? v.size() : 0);
    }

    // ------------------------------------------------------------------------------------------------ accidents

    private List<Accident> accidents(Dice dice, List<Enterprise> enterprises, DemoPeople people) {
        List<Accident> accidents = new ArrayList<>();
        boolean concealedOne = false;
        for (int year = START.getYear(); year <= asOf.getYear(); year++) {
            LocalDate from = LocalDate.of(year, 1, 1);
            LocalDate to = year == asOf.getYear() ? asOf : LocalDate.of(year, 12, 31);
            double fraction = (ChronoUnit.DAYS.between(from, to) + 1) / 365.0;
            int count = dice.poisson((1.5 + 2.5 * scale) * fraction);
            if (count == 0 && fraction >= 1) {
                count = 1;
            }
            for (int i = 0; i < count; i++) {
                LocalDate day = dice.day(from, to);
                String sector = dice.weighted(List.of(ROAD, FIRE, CONSTRUCTION, INDUSTRY, FOREST, OTHER),
                        s -> switch (s) {
                            case ROAD -> 35;
                            case FIRE -> 20;
                            case CONSTRUCTION, INDUSTRY -> 15;
                            case FOREST -> 10;
                            default -> 5;
                        });
                List<Enterprise> candidates = enterprises.stream()
                        .filter(e -> e.sector().equals(sector) && e.activeOn(day)).toList();
                boolean atEnterprise = !candidates.isEmpty()
                        && (sector.equals(CONSTRUCTION) || sector.equals(INDUSTRY) || dice.chance(0.3));
                Target target;
                Village village;
                if (atEnterprise) {
                    Enterprise e = dice.pick(candidates);
                    village = e.on(day).village();
                    target = new Target(e.name(), sector, e);
                } else {
                    village = activeVillage(dice, day);
                    target = new Target(people.place(village, sector), sector, null);
                }
                int deaths = sector.equals(FOREST) ? 0 : dice.chance(0.15) ? 1 + (dice.chance(0.1) ? 1 : 0) : 0;
                int injuries = sector.equals(FOREST) ? 0
                        : dice.between(deaths > 0 ? 0 : 1, sector.equals(ROAD) ? 3 : 2);
                boolean concealed = !concealedOne && year == 2023 && atEnterprise
                        && target.enterprise().form() != Form.COMPANY;
                concealedOne |= concealed;
                long loss = dice.logUniform(sector.equals(FOREST) ? 3_000 : 8_000, 400_000, 100);
                accidents.add(new Accident(null, day, village, sector, target, deaths, injuries, loss, concealed,
                        accidentText(dice, sector, target, deaths, injuries, concealed)));
            }
        }
        accidents.sort(Comparator.comparing(Accident::date));
        Map<Integer, Integer> counters = new HashMap<>();
        List<Accident> numbered = new ArrayList<>();
        for (Accident a : accidents) {
            int n = counters.merge(a.date().getYear(), 1, Integer::sum);
            numbered.add(a.numbered("SG-%d-%02d".formatted(a.date().getYear(), n)));
        }
        return numbered;
    }

    private static String accidentText(Dice dice, String sector, Target target, int deaths, int injuries,
                                       boolean concealed) {
        String event = switch (sector) {
            case ROAD -> target.enterprise() != null
                    ? dice.pick(List.of("一辆货车在弯道处与对向车辆刮擦", "一辆货车下坡时制动失效撞上护栏"))
                    : dice.pick(List.of("一辆农用三轮车在下坡路段侧翻", "一辆摩托车与小型轿车在弯道处相撞",
                    "一辆货车避让不及冲出路面"));
            case FIRE -> target.name().contains("充电") ? "电动自行车充电时起火"
                    : dice.pick(List.of("电气线路老化短路引发火灾", "厨房用火不慎引发火灾"));
            case CONSTRUCTION -> dice.pick(List.of("一名工人高处作业时坠落", "脚手架局部坍塌", "一名工人被吊物碰伤"));
            case INDUSTRY -> target.name().contains("茶") ? "一名工人操作揉捻机时手部被卷入"
                    : target.name().contains("竹") || target.name().contains("木") ? "一名工人加工竹材时被电锯割伤"
                    : "一名工人搬运货物时被叉车撞伤";
            case FOREST -> "村民在林缘烧田埂草引发山林火灾，过火面积约" + dice.between(2, 40) + "亩";
            default -> dice.pick(List.of("一名检修人员作业时触电", "一台农机具在田间倾覆"));
        };
        String outcome;
        if (deaths == 0 && injuries == 0) {
            outcome = "无人员伤亡";
        } else if (deaths == 0) {
            outcome = "造成" + injuries + "人受伤";
        } else {
            outcome = "造成" + deaths + "人死亡" + (injuries > 0 ? "、" + injuries + "人受伤" : "");
        }
        return target.name() + "：" + event + "，" + outcome + (concealed ? "。事后经群众举报核实，单位未按规定上报" : "");
    }

    // ------------------------------------------------------------------------------------------------ hazards

    private List<Hazard> hazards(Dice dice, List<Inspection> inspections, List<Enterprise> enterprises,
                                 DemoPeople people) {
        List<Hazard> hazards = new ArrayList<>();
        for (Inspection inspection : inspections) {
            List<String> used = new ArrayList<>();
            for (int i = 0; i < inspection.hazards(); i++) {
                hazards.add(hazard(dice, inspection.date(), inspection.village(), inspection.target(),
                        inspection.department(), inspection.no(), inspection.type(), used, null));
            }
        }
        // Hazards reported by residents, assigned by the county, or reported by the enterprise itself.
        for (YearMonth month = YearMonth.from(START); !month.isAfter(YearMonth.from(asOf));
             month = month.plusMonths(1)) {
            int count = dice.poisson(5 * scale);
            for (int i = 0; i < count; i++) {
                LocalDate day = dice.day(month.atDay(1), month.atEndOfMonth());
                if (day.isAfter(asOf)) {
                    continue;
                }
                String source = dice.pick(List.of("群众举报", "上级交办", "企业自报"));
                Target target;
                Village village;
                List<Enterprise> pool = enterprises.stream().filter(e -> e.activeOn(day)).toList();
                if (!source.equals("群众举报") || dice.chance(0.5)) {
                    Enterprise e = dice.pick(pool);
                    target = new Target(e.name(), e.sector(), e);
                    village = e.on(day).village();
                } else {
                    village = activeVillage(dice, day);
                    String sector = dice.pick(List.of(FIRE, HOUSING, FOREST, ROAD, GAS));
                    target = new Target(people.place(village, sector), sector, null);
                }
                hazards.add(hazard(dice, day, village, target, source.equals("企业自报") ? null : SAFETY_OFFICE,
                        null, null, new ArrayList<>(), source));
            }
        }
        hazards.sort(Comparator.comparing(Hazard::found));
        Map<Integer, Integer> counters = new HashMap<>();
        List<Hazard> numbered = new ArrayList<>(hazards.size());
        for (Hazard h : hazards) {
            int n = counters.merge(h.found().getYear(), 1, Integer::sum);
            numbered.add(h.numbered("YH-%d-%06d".formatted(h.found().getYear(), n)));
        }
        return numbered;
    }

    private static double majorShare(String sector, Target target) {
        if (target.enterprise() == null) {
            return sector.equals(HOUSING) ? 0.03 : 0;
        }
        return switch (sector) {
            case HOUSING, HAZCHEM -> 0.05;
            case GAS, CONSTRUCTION -> 0.04;
            case FIRE -> target.enterprise().crowded() ? 0.04 : 0.015;
            case ROAD, FOREST -> 0.01;
            default -> 0.025;
        };
    }

    private Hazard hazard(Dice dice, LocalDate found, Village village, Target target, String department,
                          String inspectionNo, String inspectionType, List<String> used, String source) {
        String sector = target.sector();
        HazardTexts texts = HAZARD_TEXTS.get(sector);
        boolean major = !DOOR_KNOCK.equals(inspectionType) && dice.chance(majorShare(sector, target));
        String description;
        if (major) {
            description = dice.pick(texts.major());
        } else {
            description = dice.pick(texts.general());
            for (int attempt = 0; used.contains(description) && attempt < 5; attempt++) {
                description = dice.pick(texts.general());
            }
        }
        used.add(description);
        if (source != null) {
            description += "（" + source + "）";
        }

        // The plan: a deadline, then when the work was really done (most on time, a long tail late).
        long allowed = major ? dice.between(30, 150)
                : dice.weighted(List.of(0L, 3L, 7L, 15L, 30L), d -> d == 0 ? 15 : d == 3 ? 20 : d == 7 ? 30 : d == 15
                ? 20 : 15);
        LocalDate deadline = found.plusDays(allowed);
        double u = dice.uniform(0, 1);
        double onTime = major ? 0.65 : 0.81;
        double late = major ? 0.93 : 0.955;
        double longTail = 0.997;
        LocalDate rectified;
        if (u < onTime) {
            // Work tends to be finished towards the deadline rather than at once.
            rectified = found.plusDays(allowed == 0 ? 0 : Math.round(allowed * Math.sqrt(dice.uniform(0, 1))));
        } else if (u < late) {
            rectified = deadline.plusDays(1 + dice.exponentialDays(major ? 30 : 12));
        } else if (u < longTail) {
            rectified = deadline.plusDays(1 + dice.exponentialDays(major ? 150 : 120));
        } else {
            // Stuck: waiting for money, a relocation or a court; still open years later.
            rectified = LocalDate.of(9999, 1, 1);
        }
        LocalDate verified = rectified.plusDays(allowed == 0 && dice.chance(0.8) ? 0 : dice.between(0, 7));
        if (dice.chance(0.03)) {
            verified = verified.plusDays(dice.exponentialDays(30));
        }
        LocalDate closed = verified.plusDays(dice.chance(0.6) ? 0 : dice.between(1, 3));
        boolean neverClosedInLedger = dice.chance(0.02);

        // What the ledger knows on the as-of day.
        rectified = known(rectified);
        verified = rectified == null ? null : known(verified);
        closed = verified == null || neverClosedInLedger ? null : known(closed);
        String status;
        if (closed != null) {
            status = CLOSED;
        } else if (rectified != null) {
            status = RECTIFIED;
        } else {
            status = ChronoUnit.DAYS.between(found, asOf) <= 3 || dice.chance(0.2) ? OPEN : RECTIFYING;
        }

        Long funds = null;
        if (major) {
            funds = dice.logUniform(20_000, 600_000, 100);
        } else if (rectified != null && dice.chance(0.3)) {
            funds = dice.logUniform(200, 20_000, 10);
        }
        FiveImplementations five = null;
        Boolean published = null;
        if (major) {
            double p = closed != null ? 0.98 : 0.88;
            five = new FiveImplementations(dice.chance(p), dice.chance(p), dice.chance(p - 0.05), dice.chance(p),
                    dice.chance(p - 0.1));
            if (closed != null) {
                published = dice.chance(0.85);
            }
        }
        return new Hazard(null, found, village, target, description, major, department, inspectionNo, deadline,
                rectified, verified, closed, status, funds, five, published);
    }

    private LocalDate known(LocalDate day) {
        return day.isAfter(asOf) ? null : day;
    }

    // ------------------------------------------------------------------------------------------------ enforcement

    private static final Set<String> ENFORCING = Set.of(SAFETY_OFFICE, ENFORCEMENT_BRANCH, MARKET_REGULATION, POLICE,
            URBAN_CONSTRUCTION, FORESTRY_STATION);

    private List<Enforcement> enforcement(Dice dice, List<Inspection> inspections, List<Hazard> hazards,
                                          List<Accident> accidents) {
        Map<String, Hazard> firstHazard = new HashMap<>();
        for (Hazard h : hazards) {
            if (h.inspectionNo() != null) {
                firstHazard.putIfAbsent(h.inspectionNo(), h);
            }
        }
        Map<Integer, List<Inspection>> findings = new LinkedHashMap<>();
        for (Inspection i : inspections) {
            if (i.hazards() > 0 && i.target().enterprise() != null && !i.type().equals(SELF_CHECK)) {
                findings.computeIfAbsent(i.target().enterprise().id(), k -> new ArrayList<>()).add(i);
            }
        }
        List<Enforcement> actions = new ArrayList<>();
        Set<Integer> blacklisted = new HashSet<>();
        Map<LocalDate, Integer> published = new HashMap<>();

        // The three-step ladder: a reminder, a warning, then a penalty, each on a later inspection that finds
        // hazards again; a year without findings starts the ladder afresh.
        for (List<Inspection> list : findings.values()) {
            int stage = 0;
            LocalDate last = null;
            for (Inspection i : list) {
                Enterprise e = i.target().enterprise();
                if (last != null) {
                    long gap = ChronoUnit.DAYS.between(last, i.date());
                    if (gap > 365 || stage == 3 && gap > 180) {
                        stage = 0;
                    } else if (stage == 3 || gap < 15) {
                        continue;
                    }
                }
                double p = switch (stage) {
                    case 0 -> e.repeatOffender() ? 0.9 : 0.2;
                    case 1 -> e.repeatOffender() ? 0.7 : 0.25;
                    default -> e.repeatOffender() ? 0.6 : 0.3;
                };
                if (!dice.chance(p)) {
                    continue;
                }
                stage++;
                last = i.date();
                LocalDate day = i.date().plusDays(dice.between(0, 2));
                if (day.isAfter(asOf)) {
                    day = i.date();
                }
                String department = i.department() != null && ENFORCING.contains(i.department())
                        ? i.department() : SAFETY_OFFICE;
                Hazard h = firstHazard.get(i.no());
                String hazardNo = h == null ? null : h.no();
                String action = stage == 1 ? REMINDER : stage == 2 ? WARNING : PENALTY;
                Long proposed = null;
                Long fine = null;
                String text;
                if (stage == 1) {
                    text = "首次检查发现隐患" + i.hazards() + "处，送达服务提醒函，限期整改";
                } else if (stage == 2) {
                    text = "再次检查发现隐患" + i.hazards() + "处，整改不到位，予以警告警示";
                } else {
                    proposed = fine(dice, e.on(day).scale());
                    if (!day.plusDays(30).isAfter(asOf)) {
                        double r = dice.uniform(0, 1);
                        // Most fines stand; some are reduced on hearing (陈述申辩); a few are still undecided.
                        long reduced = Math.max(1_000, proposed * dice.between(5, 9) / 10 / 500 * 500);
                        fine = r < 0.7 ? proposed : r < 0.95 ? reduced : null;
                    }
                    text = "第三次检查仍存在隐患" + i.hazards() + "处，依法立案查处";
                }
                actions.add(new Enforcement(null, day, i.village(), i.target(), department, action, stage, proposed,
                        fine, hazardNo, i.no(), text));
                if (stage == 3) {
                    if (dice.chance(0.5)) {
                        follow(actions, day.plusDays(dice.between(3, 10)), i, INTERVIEW,
                                "三查仍存在隐患，约谈企业主要负责人", hazardNo);
                    }
                    if (dice.chance(0.25)) {
                        follow(actions, day.plusDays(dice.between(5, 20)), i, NOTICE,
                                "对多次检查整改不到位情况予以全镇通报", hazardNo);
                    }
                    if (dice.chance(0.08) && blacklisted.add(e.id())) {
                        // The blacklist is published at the end of each quarter, a name or two at a time.
                        LocalDate quarterEnd = day.with(IsoFields.DAY_OF_QUARTER, 1).plusMonths(3).minusDays(1);
                        while (published.merge(quarterEnd, 1, Integer::sum) > 2) {
                            quarterEnd = quarterEnd.plusDays(1).plusMonths(3).minusDays(1);
                        }
                        follow(actions, quarterEnd, i, BLACKLIST,
                                "屡查屡犯，纳入失信联合惩戒黑名单，季度公布", hazardNo);
                        if (e.form() == Form.SHOP && dice.chance(0.5)) {
                            follow(actions, quarterEnd.plusDays(dice.between(10, 40)), i, CLOSURE,
                                    "无证照经营且拒不整改，依法关闭取缔", hazardNo);
                        }
                    }
                }
            }
        }

        // Major hazards at an enterprise: suspension until fixed, and the boss is summoned.
        for (Hazard h : hazards) {
            if (!h.major() || h.target().enterprise() == null) {
                continue;
            }
            String department = h.department() != null && ENFORCING.contains(h.department())
                    ? h.department() : SAFETY_OFFICE;
            if (dice.chance(0.6)) {
                addIfKnown(actions, new Enforcement(null, h.found().plusDays(dice.between(0, 3)), h.village(),
                        h.target(), department, SUSPENSION, null, null, null, h.no(), h.inspectionNo(),
                        "存在重大事故隐患：" + h.description() + "，责令停产停业整顿"));
            }
            if (dice.chance(0.4)) {
                addIfKnown(actions, new Enforcement(null, h.found().plusDays(dice.between(2, 7)), h.village(),
                        h.target(), department, INTERVIEW, null, null, null, h.no(), h.inspectionNo(),
                        "重大事故隐患挂牌督办，约谈企业主要负责人"));
            }
        }

        // After an accident at an enterprise: the boss is summoned, sometimes the town is told.
        for (Accident a : accidents) {
            if (a.target().enterprise() == null) {
                continue;
            }
            addIfKnown(actions, new Enforcement(null, a.date().plusDays(dice.between(3, 10)), a.village(), a.target(),
                    SAFETY_OFFICE, INTERVIEW, null, null, null, null, null,
                    "发生生产安全事故（" + a.no() + "），约谈企业主要负责人"));
            if (dice.chance(0.5) || a.concealed()) {
                addIfKnown(actions, new Enforcement(null, a.date().plusDays(dice.between(7, 30)), a.village(),
                        a.target(), SAFETY_OFFICE, NOTICE, null, null, null, null, null,
                        a.concealed() ? "事故迟报瞒报，全镇通报批评" : "事故情况全镇通报，举一反三"));
            }
        }

        actions.sort(Comparator.comparing(Enforcement::date));
        Map<Integer, Integer> counters = new HashMap<>();
        List<Enforcement> numbered = new ArrayList<>(actions.size());
        for (Enforcement a : actions) {
            int n = counters.merge(a.date().getYear(), 1, Integer::sum);
            numbered.add(a.numbered("ZF-%d-%04d".formatted(a.date().getYear(), n)));
        }
        return numbered;
    }

    private void follow(List<Enforcement> actions, LocalDate day, Inspection i, String action,
                        String text, String hazardNo) {
        String department = action.equals(BLACKLIST) || action.equals(NOTICE) ? SAFETY_OFFICE
                : i.department() != null && ENFORCING.contains(i.department()) ? i.department() : SAFETY_OFFICE;
        addIfKnown(actions, new Enforcement(null, day, i.village(), i.target(), department, action, null, null, null,
                hazardNo, i.no(), text));
    }

    private void addIfKnown(List<Enforcement> actions, Enforcement action) {
        if (!action.date().isAfter(asOf)) {
            actions.add(action);
        }
    }

    private static long fine(Dice dice, String size) {
        return switch (size) {
            case SHOP -> dice.between(2, 10) * 1_000L;
            case MICRO -> dice.between(5, 30) * 1_000L;
            case SME -> dice.between(10, 50) * 1_000L;
            default -> dice.between(20, 100) * 1_000L;
        };
    }
}
