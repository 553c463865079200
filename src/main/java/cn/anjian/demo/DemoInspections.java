package cn.anjian.demo;

import static cn.anjian.demo.DemoTown.*;
import static cn.anjian.demo.DemoTownSimulation.START;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.anjian.demo.DemoTownSimulation.Accident;
import cn.anjian.demo.DemoTownSimulation.Enterprise;
import cn.anjian.demo.DemoTownSimulation.Inspection;
import cn.anjian.demo.DemoTownSimulation.Target;
import cn.anjian.demo.DemoTownSimulation.Version;

/**
 * The demo town's inspection calendar: every village's and department's monthly check (with three villages that
 * miss months), daily patrols, key-date checks before holidays, checks around rainstorms and freezing rain,
 * double-random checks, unannounced visits, winter door-knocking, enterprises' quarterly self-checks, 举一反三 sweeps
 * after accidents here and elsewhere, and the key enterprises' yearly coverage. What is checked follows the seasons
 * ({@link DemoSeasons}); how many hazards a check finds is drawn here, the hazards themselves later.
 */
final class DemoInspections {

    /** A possible target with its weight on one day. */
    private record Candidate(Village village, String sector, Enterprise enterprise, double weight) {
    }

    /** Weights of places and households (not enterprises) a village checks, by sector. */
    private static final Map<String, Double> PLACES = new LinkedHashMap<>();

    static {
        PLACES.put(FOREST, 3.0);
        PLACES.put(HOUSING, 3.0);
        PLACES.put(ROAD, 1.5);
        PLACES.put(FIRE, 1.5);
        PLACES.put(GAS, 1.0);
        PLACES.put(OTHER, 0.8);
    }

    /** The places (not enterprises) a department looks at itself. */
    private static final Map<String, List<String>> DEPARTMENT_PLACES = Map.of(
            FORESTRY_STATION, List.of(FOREST),
            URBAN_CONSTRUCTION, List.of(HOUSING),
            CIVIL_AFFAIRS, List.of(HOUSING, FIRE),
            POLICE, List.of(ROAD),
            AGRI_STATION, List.of(OTHER));

    private final Dice dice;
    private final DemoPeople people;
    private final DemoSeasons seasons;
    private final List<Enterprise> enterprises;
    private final List<Accident> accidents;
    private final double scale;
    private final LocalDate asOf;
    private final List<Inspection> made = new ArrayList<>();
    /** Enterprises that are in a village in any version, so a village's check looks at a few, not all. */
    private final Map<Village, List<Enterprise>> byVillage = new HashMap<>();

    DemoInspections(Dice dice, DemoPeople people, DemoSeasons seasons, List<Enterprise> enterprises,
                    List<Accident> accidents, double scale, LocalDate asOf) {
        this.dice = dice;
        this.people = people;
        this.seasons = seasons;
        this.enterprises = enterprises;
        this.accidents = accidents;
        this.scale = scale;
        this.asOf = asOf;
        for (Enterprise e : enterprises) {
            e.versions().stream().map(Version::village).distinct()
                    .forEach(v -> byVillage.computeIfAbsent(v, k -> new ArrayList<>()).add(e));
        }
    }

    List<Inspection> create() {
        for (YearMonth month = YearMonth.from(START); !month.isAfter(YearMonth.from(asOf));
             month = month.plusMonths(1)) {
            monthlyChecks(month);
            patrols(month);
            doubleRandom(month);
            covert(month);
            doorKnock(month);
            selfChecks(month);
        }
        for (int year = START.getYear(); year <= asOf.getYear() + 1; year++) {
            for (KeyPeriod period : keyPeriods(year)) {
                keyDateChecks(period);
            }
            disasterChecks(year);
        }
        for (Accident accident : accidents) {
            lessonChecks(accident.date().plusDays(1), accident.sector(), accident.village(),
                    "举一反三：" + accident.no() + "事故后开展同类隐患排查");
        }
        for (Lesson lesson : LESSONS) {
            lessonChecks(lesson.day(), lesson.sector(), null, lesson.note());
        }
        keyEnterpriseCoverage();
        made.sort(Comparator.comparing(Inspection::date));
        Map<Integer, Integer> counters = new HashMap<>();
        List<Inspection> numbered = new ArrayList<>(made.size());
        for (Inspection i : made) {
            int n = counters.merge(i.date().getYear(), 1, Integer::sum);
            numbered.add(i.numbered("JC-%d-%06d".formatted(i.date().getYear(), n)));
        }
        return numbered;
    }

    private void monthlyChecks(YearMonth month) {
        for (Village v : VILLAGES) {
            LocalDate day = month.atDay(dice.between(1, 28));
            if (!v.activeOn(month.atDay(1)) || missesMonth(v, month) || day.isAfter(asOf)) {
                continue;
            }
            boolean led = dice.chance(0.85);
            String team = people.team(v.name(), led);
            int targets = Math.max(1, dice.poisson(4 * scale));
            for (int i = 0; i < targets; i++) {
                Candidate c = villageTarget(v, day, null);
                add(day, c, null, MONTHLY, team, led, false, null);
            }
        }
        for (String department : DEPARTMENTS) {
            LocalDate day = month.atDay(dice.between(1, 28));
            if (day.isAfter(asOf)) {
                continue;
            }
            boolean led = dice.chance(0.9);
            String team = people.team(department, led);
            int targets = Math.max(1, dice.poisson(2.5 * scale));
            for (int i = 0; i < targets; i++) {
                add(day, departmentTarget(department, day, 3), department, MONTHLY, team, led, false, null);
            }
        }
    }

    private boolean missesMonth(Village v, YearMonth month) {
        YearMonth current = YearMonth.from(asOf);
        return switch (v.name()) {
            case OFTEN_MISSES -> dice.chance(month.getYear() == 2022 ? 0.35 : 0.15);
            case MISSED_A_SUMMER -> month.getYear() == 2023 && month.getMonthValue() >= 7
                    && month.getMonthValue() <= 9;
            case BEHIND_LATELY -> month.equals(current.minusMonths(1)) || month.equals(current.minusMonths(2));
            default -> false;
        };
    }

    private void patrols(YearMonth month) {
        for (Village v : VILLAGES) {
            int count = dice.poisson(1.5 * scale);
            for (int i = 0; i < count; i++) {
                LocalDate day = dice.day(month.atDay(1), month.atEndOfMonth());
                if (v.activeOn(day) && !day.isAfter(asOf)) {
                    boolean led = dice.chance(0.1);
                    add(day, villageTarget(v, day, null), null, ROUTINE, people.team(v.name(), led), led, false,
                            null);
                }
            }
        }
    }

    private void doubleRandom(YearMonth month) {
        for (String department : List.of(MARKET_REGULATION, ENFORCEMENT_BRANCH, SAFETY_OFFICE)) {
            int count = dice.poisson(1.0 * scale);
            for (int i = 0; i < count; i++) {
                LocalDate day = dice.day(month.atDay(1), month.atEndOfMonth());
                List<String> sectors = DEPARTMENT_SECTORS.get(department);
                List<Enterprise> pool = enterprises.stream()
                        .filter(e -> e.activeOn(day) && sectors.contains(e.sector())).toList();
                if (day.isAfter(asOf) || pool.isEmpty()) {
                    continue;
                }
                Enterprise e = dice.pick(pool);
                Candidate c = new Candidate(e.on(day).village(), e.sector(), e, 1);
                add(day, c, department, DOUBLE_RANDOM, people.team(department, false), false, true,
                        "双随机、一公开");
            }
        }
    }

    private void covert(YearMonth month) {
        int count = dice.poisson(0.8 * scale);
        for (int i = 0; i < count; i++) {
            LocalDate day = dice.day(month.atDay(1), month.atEndOfMonth());
            List<Candidate> pool = enterprises.stream()
                    .filter(e -> e.activeOn(day) && (e.crowded() || e.sector().equals(GAS)))
                    .map(e -> new Candidate(e.on(day).village(), e.sector(), e, 1)).toList();
            if (!day.isAfter(asOf) && !pool.isEmpty()) {
                boolean led = dice.chance(0.5);
                add(day, dice.pick(pool), SAFETY_OFFICE, COVERT, people.team(SAFETY_OFFICE, led), led, false,
                        dice.chance(0.5) ? "夜间暗访" : null);
            }
        }
    }

    /** Winter home visits to the elderly living alone: fire and gas at home. */
    private void doorKnock(YearMonth month) {
        int m = month.getMonthValue();
        if (m > 2 && m < 11) {
            return;
        }
        for (Village v : VILLAGES) {
            int count = dice.poisson(2.5 * scale);
            for (int i = 0; i < count; i++) {
                LocalDate day = dice.day(month.atDay(1), month.atEndOfMonth());
                if (v.activeOn(day) && !day.isAfter(asOf)) {
                    add(day, elderlyHome(v), null, DOOR_KNOCK, people.team(v.name(), false), false, false,
                            "走访独居老人，检查用火用电用气");
                }
            }
        }
        int count = dice.poisson(2 * scale);
        for (int i = 0; i < count; i++) {
            LocalDate day = dice.day(month.atDay(1), month.atEndOfMonth());
            if (!day.isAfter(asOf)) {
                add(day, elderlyHome(DemoTownSimulation.activeVillage(dice, day)), CIVIL_AFFAIRS, DOOR_KNOCK,
                        people.team(CIVIL_AFFAIRS, false), false, false, "民政办联合村(社区)走访独居老人");
            }
        }
    }

    private Candidate elderlyHome(Village v) {
        String sector = dice.chance(0.8) ? FIRE : GAS;
        return new Candidate(v, sector, null, 1);
    }

    /** Above-scale and key enterprises check themselves every quarter. */
    private void selfChecks(YearMonth month) {
        if (month.getMonthValue() % 3 != 0) {
            return;
        }
        for (Enterprise e : enterprises) {
            LocalDate day = dice.day(month.atDay(10), month.atEndOfMonth());
            Version v = e.on(day);
            if (e.activeOn(day) && (v.key() || v.scale().equals(ABOVE_SCALE)) && !day.isAfter(asOf)
                    && dice.chance(0.85)) {
                add(day, new Candidate(v.village(), e.sector(), e, 1), null, SELF_CHECK,
                        e.contact(), dice.chance(0.7), false, "企业季度自查");
            }
        }
    }

    private void keyDateChecks(KeyPeriod period) {
        LocalDate from = period.from().isBefore(START) ? START : period.from();
        LocalDate to = period.holiday().isAfter(asOf) ? asOf : period.holiday();
        if (to.isBefore(from)) {
            return;
        }
        String note = period.name() + "前安全检查";
        for (Village v : VILLAGES) {
            LocalDate day = dice.day(from, to);
            int count = dice.poisson(1.2 * scale);
            if (!v.activeOn(day) || count == 0) {
                continue;
            }
            boolean led = dice.chance(0.6);
            String team = people.team(v.name(), led);
            for (int i = 0; i < count; i++) {
                add(day, villageTarget(v, day, null), null, KEY_DATE, team, led, false, note);
            }
        }
        List<String> departments = new ArrayList<>(List.of(SAFETY_OFFICE, POLICE, MARKET_REGULATION,
                ENFORCEMENT_BRANCH));
        if (period.name().equals("春节") || period.name().equals("清明")) {
            departments.add(FORESTRY_STATION);
        }
        for (String department : departments) {
            LocalDate day = dice.day(from, to);
            boolean led = dice.chance(0.6);
            String team = people.team(department, led);
            int count = dice.poisson(1.5 * scale);
            for (int i = 0; i < count; i++) {
                add(day, departmentTarget(department, day, 1), department, KEY_DATE, team, led, false, note);
            }
        }
    }

    /** Rainstorms in the flood season, now and then a typhoon's edge or freezing rain. */
    private void disasterChecks(int year) {
        List<LocalDate> storms = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int count = 3 + dice.below(3);
        for (int i = 0; i < count; i++) {
            storms.add(dice.day(LocalDate.of(year, 6, 10), LocalDate.of(year, 8, 31)));
            notes.add(dice.pick(List.of("暴雨蓝色预警", "暴雨橙色预警", "暴雨红色预警", "强降雨")));
        }
        if (dice.chance(0.5)) {
            storms.add(dice.day(LocalDate.of(year, 8, 15), LocalDate.of(year, 9, 15)));
            notes.add("台风外围影响强降雨");
        }
        if (year == 2024 || dice.chance(0.4)) {
            storms.add(year == 2024 ? LocalDate.of(2024, 2, 1) : dice.day(LocalDate.of(year, 1, 5),
                    LocalDate.of(year, 2, 20)));
            notes.add("低温雨雪冰冻天气");
        }
        for (int i = 0; i < storms.size(); i++) {
            LocalDate event = storms.get(i);
            boolean freeze = event.getMonthValue() <= 2;
            List<String> sectors = freeze ? List.of(ROAD, HOUSING, GAS, FIRE)
                    : List.of(HOUSING, CONSTRUCTION, ROAD, OTHER, TOURISM);
            String note = notes.get(i) + "，灾害天气前后巡查";
            for (Village v : VILLAGES) {
                LocalDate day = event.plusDays(dice.between(-1, 2));
                int n = dice.poisson(1.2 * scale);
                if (day.isBefore(START) || day.isAfter(asOf) || !v.activeOn(day) || n == 0) {
                    continue;
                }
                String team = people.team(v.name(), dice.chance(0.3));
                for (int k = 0; k < n; k++) {
                    add(day, villageTarget(v, day, sectors), null, DISASTER, team, false, false, note);
                }
            }
            for (String department : List.of(URBAN_CONSTRUCTION, PROJECT_OFFICE, AGRI_STATION)) {
                LocalDate day = event.plusDays(dice.between(-1, 2));
                int n = dice.poisson(1.5 * scale);
                if (day.isBefore(START) || day.isAfter(asOf)) {
                    continue;
                }
                boolean led = dice.chance(0.3);
                String team = people.team(department, led);
                for (int k = 0; k < n; k++) {
                    add(day, departmentTarget(department, day, 1), department, DISASTER, team, led, false, note);
                }
            }
        }
    }

    /** After an accident here or a typical one elsewhere: sweep the same sector, town-wide or in the village. */
    private void lessonChecks(LocalDate start, String sector, Village only, String note) {
        if (start.isAfter(asOf)) {
            return;
        }
        for (Village v : VILLAGES) {
            if (only != null && v != only) {
                continue;
            }
            LocalDate day = dice.day(start, start.plusDays(14));
            int n = Math.max(only == null ? 0 : 2, dice.poisson(2 * scale));
            if (!v.activeOn(day) || day.isAfter(asOf)) {
                continue;
            }
            boolean led = dice.chance(0.7);
            String team = people.team(v.name(), led);
            for (int i = 0; i < n; i++) {
                add(day, villageTarget(v, day, List.of(sector)), null, POST_ACCIDENT, team, led, false, note);
            }
        }
        LocalDate day = dice.day(start, start.plusDays(7));
        int n = Math.max(1, dice.poisson(3 * scale));
        if (!day.isAfter(asOf)) {
            String team = people.team(SAFETY_OFFICE, true);
            for (int i = 0; i < n; i++) {
                Candidate c = enterpriseTarget(day, List.of(sector), 1);
                if (c == null) {
                    Village village = only != null ? only : DemoTownSimulation.activeVillage(dice, day);
                    c = villageTarget(village, day, List.of(sector));
                }
                add(day, c, SAFETY_OFFICE, POST_ACCIDENT, team, true, false, note);
            }
        }
    }

    /**
     * Key enterprises must be inspected by a department every year; the town nearly manages it (two were
     * missed in 2022, before the campaign).
     */
    private void keyEnterpriseCoverage() {
        int forgiven = 2;
        for (int year = START.getYear(); year < asOf.getYear(); year++) {
            LocalDate from = LocalDate.of(year, 1, 1);
            LocalDate to = LocalDate.of(year, 12, 31);
            Set<Integer> covered = new HashSet<>();
            for (Inspection i : made) {
                if (i.department() != null && i.date().getYear() == year && i.target().enterprise() != null) {
                    covered.add(i.target().enterprise().id());
                }
            }
            for (Enterprise e : enterprises) {
                boolean keyThatYear = e.versions().stream().anyMatch(v -> v.key() && !v.from().isAfter(to))
                        && !e.since().isAfter(to.minusMonths(2));
                if (!keyThatYear || covered.contains(e.id())) {
                    continue;
                }
                if (year == 2022 && forgiven > 0) {
                    forgiven--;
                    continue;
                }
                LocalDate start = e.since().isAfter(from) ? e.since() : from;
                LocalDate day = dice.day(start, to);
                if (!e.on(day).key()) {
                    day = dice.day(e.versions().stream().filter(Version::key).findFirst().orElseThrow().from(),
                            to);
                }
                boolean led = dice.chance(0.8);
                add(day, new Candidate(e.on(day).village(), e.sector(), e, 1), SAFETY_OFFICE, MONTHLY,
                        people.team(SAFETY_OFFICE, led), led, false, "重点企业年度监督检查");
            }
        }
    }

    private Candidate villageTarget(Village village, LocalDate day, List<String> sectors) {
        List<Candidate> pool = new ArrayList<>();
        for (Enterprise e : byVillage.getOrDefault(village, List.of())) {
            if (!e.activeOn(day) || sectors != null && !sectors.contains(e.sector())) {
                continue;
            }
            Version v = e.on(day);
            if (v.village() == village) {
                double w = seasons.attention(e.sector(), day) * (v.key() ? 1.5 : 1) * (e.repeatOffender() ? 1.3 : 1);
                pool.add(new Candidate(village, e.sector(), e, w));
            }
        }
        for (Map.Entry<String, Double> place : PLACES.entrySet()) {
            if (sectors == null || sectors.contains(place.getKey())) {
                double w = place.getValue() * seasons.attention(place.getKey(), day)
                        * (village.community() && place.getKey().equals(FOREST) ? 0.2 : 1);
                pool.add(new Candidate(village, place.getKey(), null, w));
            }
        }
        Candidate c = dice.weighted(pool, Candidate::weight);
        return c != null ? c : new Candidate(village, FIRE, null, 1);
    }

    private Candidate departmentTarget(String department, LocalDate day, double keyWeight) {
        List<String> sectors = DEPARTMENT_SECTORS.get(department);
        List<Candidate> pool = new ArrayList<>();
        for (Enterprise e : enterprises) {
            if (e.activeOn(day) && sectors.contains(e.sector())) {
                Version v = e.on(day);
                double w = seasons.attention(e.sector(), day) * (v.key() ? keyWeight : 1)
                        * (e.repeatOffender() ? 1.3 : 1);
                pool.add(new Candidate(v.village(), e.sector(), e, w));
            }
        }
        for (String sector : DEPARTMENT_PLACES.getOrDefault(department, List.of())) {
            for (Village v : VILLAGES) {
                if (v.activeOn(day)) {
                    pool.add(new Candidate(v, sector, null, PLACES.get(sector) * seasons.attention(sector, day) / 4));
                }
            }
        }
        Candidate c = dice.weighted(pool, Candidate::weight);
        return c != null ? c : villageTarget(DemoTownSimulation.activeVillage(dice, day), day, null);
    }

    private Candidate enterpriseTarget(LocalDate day, List<String> sectors, double keyWeight) {
        List<Candidate> pool = new ArrayList<>();
        for (Enterprise e : enterprises) {
            if (e.activeOn(day) && sectors.contains(e.sector())) {
                Version v = e.on(day);
                pool.add(new Candidate(v.village(), e.sector(), e, v.key() ? keyWeight : 1));
            }
        }
        return dice.weighted(pool, Candidate::weight);
    }

    private void add(LocalDate day, Candidate c, String department, String type, String team, boolean led,
                     boolean doubleRandom, String note) {
        if (day.isBefore(START) || day.isAfter(asOf)) {
            return;
        }
        Target target = c.enterprise() != null
                ? new Target(c.enterprise().name(), c.sector(), c.enterprise())
                : new Target(type.equals(DOOR_KNOCK) ? people.elderlyHome(c.village())
                : people.place(c.village(), c.sector()), c.sector(), null);
        double mean = baseHazards(type) * DemoSeasons.hazardFactor(c.sector(), day) * DemoSeasons.trend(day.getYear())
                * (c.enterprise() != null && c.enterprise().repeatOffender() ? 2.5 : 1);
        int hazards = dice.poisson(mean);
        made.add(new Inspection(null, day, c.village(), target, department, type, team, led, doubleRandom,
                hazards, note));
    }

    /** Hazards an inspection of this type finds on average, before season, trend and offender effects. */
    private static double baseHazards(String type) {
        return switch (type) {
            case ROUTINE -> 0.35;
            case MONTHLY -> 0.55;
            case KEY_DATE, POST_ACCIDENT -> 0.6;
            case DISASTER -> 0.45;
            case DOUBLE_RANDOM -> 0.7;
            case COVERT -> 0.9;
            case DOOR_KNOCK -> 0.3;
            default -> 0.4;
        };
    }
}
