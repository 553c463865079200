package cn.anjian.demo;

import static cn.anjian.demo.DemoTown.*;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Predicate;

import cn.anjian.demo.DemoTownSimulation.Accident;
import cn.anjian.demo.DemoTownSimulation.Enforcement;
import cn.anjian.demo.DemoTownSimulation.Enterprise;
import cn.anjian.demo.DemoTownSimulation.Hazard;
import cn.anjian.demo.DemoTownSimulation.Inspection;
import cn.anjian.demo.DemoTownSimulation.Town;
import cn.anjian.demo.DemoTownSimulation.Version;
import cn.anjian.etl.ImportKind;

/**
 * Writes a demo town's ledgers (霍山县诸佛庵镇, invented content, marked as demo data in the region ledger) in our
 * template formats, as a township's clerks keep them: regions as UTF-8 CSV, enterprises as .xlsx (the register,
 * then change notices for later versions), inspections as GBK CSV, hazards as .xlsx for 2022–2023 and GBK CSV from
 * 2024 (one file a year), enforcement as .xlsx and accidents as GBK CSV. Columns are exactly
 * {@link ImportKind#headers()}.
 *
 * <p>Deterministic: the same seed, scale and as-of day give the same rows (CSV files byte for byte). Dates are
 * ISO text in CSV and date cells in .xlsx, except about one row in sixty that spells them as real ledgers do
 * (2023/1/3, 2023.1.3, 2023年1月3日), so imports exercise the date forms the importer accepts.
 *
 * <p>The hazard, inspection and enforcement ledgers carry a few dozen dirty rows a year ({@link DemoDirt}), and one
 * village's inspections of one month come in a separate, late ledger (written under {@code late/}, not imported at
 * start), so the data-quality dashboard has rejects and a 未报送 village to show on a fresh demo.
 */
public final class DemoTownGenerator {

    /**
     * One written ledger: what it holds, where it is, the name to show for it in import lists, the rows written
     * dirty on purpose (the importer rejects exactly one (row, field) for each) and whether it arrives late (it is
     * written, but not imported with the others: its village-month shows as 未报送 until a user imports it).
     */
    public record Ledger(ImportKind kind, Path file, String displayName, List<DemoDirt.Row> dirt, boolean late) {

        public Ledger(ImportKind kind, Path file, String displayName) {
            this(kind, file, displayName, List.of(), false);
        }

        public Ledger {
            dirt = List.copyOf(dirt);
        }
    }

    /** The last year whose hazards are kept in .xlsx; later years are GBK CSV. */
    private static final int LAST_XLSX_HAZARD_YEAR = 2023;
    private static final double VARIED_DATE_SHARE = 1 / 60.0;

    private final long seed;
    private final double scale;
    private final DemoCounty.Town town;

    public DemoTownGenerator(long seed, double scale) {
        this(seed, scale, DemoCounty.towns(1).get(0));
    }

    /** A town of the demo county: its own seed and size, names, codes and diligence ({@link DemoCounty}). */
    DemoTownGenerator(long seed, double scale, DemoCounty.Town town) {
        this.seed = town.seed(seed);
        this.scale = scale * town.scaleFactor();
        this.town = town;
    }

    /**
     * Writes the town's ledgers as known on {@code asOf} (nothing after it) into {@code folder}, which is created
     * if missing, and returns them in load order: regions, enterprises and their changes, inspections, hazards by
     * year, enforcement, accidents.
     */
    public List<Ledger> generate(Path folder, LocalDate asOf) throws IOException {
        Town town = new DemoTownSimulation(seed, scale, asOf).run();
        Files.createDirectories(folder);
        DateSpeller dates = new DateSpeller(new SplittableRandom(seed ^ 0x5DEECE66DL));
        String prefix = this.town.name() + "（演示）";
        List<Ledger> ledgers = new ArrayList<>();

        Path regions = folder.resolve("01-regions.csv");
        LedgerFiles.writeCsv(regions, StandardCharsets.UTF_8, false, ImportKind.REGIONS.headers(),
                this.town.apply(ImportKind.REGIONS, regionRows(asOf), asOf));
        ledgers.add(new Ledger(ImportKind.REGIONS, regions, prefix + "区划.csv"));

        // The register, then change notices: one row per enterprise per file, because an import takes one row
        // per enterprise and dates the change by 信息生效日期 (type-2 history).
        int versions = town.enterprises().stream().mapToInt(e -> e.versions().size()).max().orElse(1);
        for (int round = 0; round < versions; round++) {
            String name = round == 0 ? "02-enterprises.xlsx" : "02-enterprises-changes-" + round + ".xlsx";
            Path file = folder.resolve(name);
            LedgerFiles.writeXlsx(file, LedgerFiles.sheetName(ImportKind.ENTERPRISES),
                    ImportKind.ENTERPRISES.headers(), this.town.apply(ImportKind.ENTERPRISES,
                    enterpriseRows(town, round, dates.forXlsx()), asOf));
            ledgers.add(new Ledger(ImportKind.ENTERPRISES, file, prefix
                    + (round == 0 ? "生产经营单位台账.xlsx" : "生产经营单位信息变更（第" + round + "批）.xlsx")));
        }

        DemoDirt dirt = new DemoDirt(seed);
        LateLedger late = LateLedger.of(town, this.town, asOf, seed);
        DateSpeller.Style inspectionDates = dates.forCsv();
        List<List<Object>> inspectionRows = inspectionRows(town, inspectionDates, i -> !late.holds(i));
        ledgers.add(dirtyCsv(dirt, folder, "03-inspections.csv", ImportKind.INSPECTIONS,
                this.town.apply(ImportKind.INSPECTIONS, inspectionRows, asOf), prefix + "安全检查台账.csv"));

        for (int year = DemoTownSimulation.START.getYear(); year <= asOf.getYear(); year++) {
            int y = year;
            Predicate<Hazard> ofYear = h -> h.found().getYear() == y;
            if (year <= LAST_XLSX_HAZARD_YEAR) {
                ledgers.add(dirtyXlsx(dirt, folder, "04-hazards-" + year + ".xlsx", ImportKind.HAZARDS,
                        this.town.apply(ImportKind.HAZARDS, hazardRows(town, ofYear, dates.forXlsx()), asOf),
                        prefix + year + "年隐患排查治理台账.xlsx"));
            } else {
                ledgers.add(dirtyCsv(dirt, folder, "04-hazards-" + year + ".csv", ImportKind.HAZARDS,
                        this.town.apply(ImportKind.HAZARDS, hazardRows(town, ofYear, dates.forCsv()), asOf),
                        prefix + year + "年隐患排查治理台账.csv"));
            }
        }

        ledgers.add(dirtyXlsx(dirt, folder, "05-enforcement.xlsx", ImportKind.ENFORCEMENT,
                this.town.apply(ImportKind.ENFORCEMENT, enforcementRows(town, dates.forXlsx()), asOf),
                prefix + "执法台账.xlsx"));

        Path accidents = folder.resolve("06-accidents.csv");
        LedgerFiles.writeCsv(accidents, LedgerFiles.GBK, false, ImportKind.ACCIDENTS.headers(),
                this.town.apply(ImportKind.ACCIDENTS,
                accidentRows(town, dates.forCsv()), asOf));
        ledgers.add(new Ledger(ImportKind.ACCIDENTS, accidents, prefix + "生产安全事故台账.csv"));

        DemoCampaign campaign = new DemoCampaign(town, DemoTownSimulation.START, asOf, seed);
        ledgers.add(xlsx(folder, "07-drills.xlsx", ImportKind.DRILLS, campaign.drills(), prefix + "应急演练台账.xlsx"));
        ledgers.add(csv(folder, "08-trainings.csv", ImportKind.TRAININGS, campaign.trainings(), prefix + "安全培训台账.csv"));
        ledgers.add(csv(folder, "09-tipoffs.csv", ImportKind.TIPOFFS, campaign.tipoffs(), prefix + "举报投诉台账.csv"));
        ledgers.add(xlsx(folder, "10-head-duties.xlsx", ImportKind.HEAD_DUTIES, campaign.headDuties(),
                prefix + "企业负责人检查与述职台账.xlsx"));
        ledgers.add(csv(folder, "11-door-knocks.csv", ImportKind.DOOR_KNOCKS, campaign.doorKnocks(),
                prefix + "敲门行动走访台账.csv"));
        ledgers.add(xlsx(folder, "12-publicity.xlsx", ImportKind.PUBLICITY, campaign.publicity(),
                prefix + "宣传教育活动台账.xlsx"));
        ledgers.add(csv(folder, "13-task-progress.csv", ImportKind.TASK_PROGRESS, campaign.progress(),
                prefix + "专项行动任务进展.csv"));
        if (late.village() != null) {
            Path file = folder.resolve("late").resolve("03-inspections-" + late.village().code() + "-" + late.month()
                    + ".csv");
            Files.createDirectories(file.getParent());
            LedgerFiles.writeCsv(file, LedgerFiles.GBK, false, ImportKind.INSPECTIONS.headers(),
                    inspectionRows(town, inspectionDates, late::holds));
            ledgers.add(new Ledger(ImportKind.INSPECTIONS, file, prefix + late.village().name() + late.month()
                    + "安全检查台账（迟报）.csv", List.of(), true));
        }
        return List.copyOf(ledgers);
    }

    /**
     * The one late ledger: a village's inspections of the month before last, which the village sends in after the
     * town's ledger went in. Only the first town of the county has one (the others leave months out on their own).
     */
    private record LateLedger(Village village, YearMonth month) {

        static LateLedger of(Town town, DemoCounty.Town countyTown, LocalDate asOf, long seed) {
            YearMonth month = YearMonth.from(asOf).minusMonths(2);
            if (!countyTown.original() || month.atDay(1).isBefore(DemoTownSimulation.START)) {
                return new LateLedger(null, month);
            }
            List<Village> inspected = town.inspections().stream()
                    .filter(i -> YearMonth.from(i.date()).equals(month)).map(Inspection::village)
                    .distinct().sorted(java.util.Comparator.comparing(Village::code)).toList();
            return new LateLedger(inspected.isEmpty() ? null
                    : inspected.get(new SplittableRandom(seed ^ 0x1A7EL).nextInt(inspected.size())), month);
        }

        boolean holds(Inspection i) {
            return village != null && i.village().equals(village) && YearMonth.from(i.date()).equals(month);
        }
    }

    private Ledger dirtyCsv(DemoDirt dirt, Path folder, String name, ImportKind kind, List<List<Object>> rows,
                            String display) throws IOException {
        List<DemoDirt.Row> dirty = new ArrayList<>();
        Path file = folder.resolve(name);
        LedgerFiles.writeCsv(file, LedgerFiles.GBK, false, kind.headers(), dirt.soil(kind, name, rows, dirty));
        return new Ledger(kind, file, display, dirty, false);
    }

    private Ledger dirtyXlsx(DemoDirt dirt, Path folder, String name, ImportKind kind, List<List<Object>> rows,
                             String display) throws IOException {
        List<DemoDirt.Row> dirty = new ArrayList<>();
        Path file = folder.resolve(name);
        LedgerFiles.writeXlsx(file, LedgerFiles.sheetName(kind), kind.headers(), dirt.soil(kind, name, rows, dirty));
        return new Ledger(kind, file, display, dirty, false);
    }

    private static Ledger xlsx(Path folder, String name, ImportKind kind, List<List<Object>> rows, String display)
            throws IOException {
        Path file = folder.resolve(name);
        LedgerFiles.writeXlsx(file, LedgerFiles.sheetName(kind), kind.headers(), rows);
        return new Ledger(kind, file, display);
    }

    private static Ledger csv(Path folder, String name, ImportKind kind, List<List<Object>> rows, String display)
            throws IOException {
        Path file = folder.resolve(name);
        LedgerFiles.writeCsv(file, LedgerFiles.GBK, false, kind.headers(), rows);
        return new Ledger(kind, file, display);
    }

    // ------------------------------------------------------------------------------------------------ rows

    private static List<List<Object>> regionRows(LocalDate asOf) {
        List<List<Object>> rows = new ArrayList<>();
        rows.add(row(COUNTY_CODE, COUNTY_NAME, "县", null, null, null, null, YES));
        rows.add(row(TOWN_CODE, TOWN_NAME, "镇", COUNTY_CODE, null, null, null, YES));
        for (Village v : VILLAGES) {
            boolean merged = v.merged() && !MERGE_DATE.isAfter(asOf);
            rows.add(row(v.code(), v.name(), v.level(), TOWN_CODE, null,
                    merged ? MERGE_DATE.toString() : null, merged ? v.mergedInto() : null, YES));
        }
        return rows;
    }

    /** The round-th version of every enterprise that has one: 0 is the register, later rounds its changes. */
    private static List<List<Object>> enterpriseRows(Town town, int round, DateSpeller.Style dates) {
        List<List<Object>> rows = new ArrayList<>();
        for (Enterprise e : town.enterprises()) {
            if (round < e.versions().size()) {
                Version v = e.versions().get(round);
                rows.add(row(e.creditCode(), e.name(), TOWN_NAME, v.village().name(), e.sector(), v.scale(),
                        yesNo(e.highRisk()), yesNo(v.key()), yesNo(e.crowded()), e.address(), e.contact(),
                        dates.spell(v.from())));
            }
        }
        return rows;
    }

    private static List<List<Object>> inspectionRows(Town town, DateSpeller.Style dates,
                                                     Predicate<Inspection> filter) {
        List<List<Object>> rows = new ArrayList<>(town.inspections().size());
        for (Inspection i : town.inspections()) {
            if (!filter.test(i)) {
                continue;
            }
            rows.add(row(i.no(), dates.spell(i.date()), TOWN_NAME, i.village().name(), i.target().name(),
                    i.target().creditCode(), i.target().sector(), i.department(), i.type(), i.inspector(),
                    yesNo(i.ledByLeader()), yesNo(i.doubleRandom()), i.hazards(), i.note()));
        }
        return rows;
    }

    private static List<List<Object>> hazardRows(Town town, Predicate<Hazard> filter, DateSpeller.Style dates) {
        List<List<Object>> rows = new ArrayList<>();
        for (Hazard h : town.hazards()) {
            if (!filter.test(h)) {
                continue;
            }
            DemoTownSimulation.FiveImplementations five = h.five();
            rows.add(row(h.no(), dates.spell(h.found()), TOWN_NAME, h.village().name(), h.target().name(),
                    h.target().creditCode(), h.target().sector(), h.description(),
                    h.major() ? MAJOR_HAZARD : GENERAL_HAZARD, h.department(), h.inspectionNo(),
                    dates.spell(h.deadline()), dates.spell(h.rectified()), dates.spell(h.verified()),
                    dates.spell(h.closed()), h.status(), h.funds(),
                    five == null ? null : yesNo(five.responsibility()),
                    five == null ? null : yesNo(five.measures()),
                    five == null ? null : yesNo(five.funds()),
                    five == null ? null : yesNo(five.timeLimit()),
                    five == null ? null : yesNo(five.contingency()),
                    h.published() == null ? null : yesNo(h.published())));
        }
        return rows;
    }

    private static List<List<Object>> enforcementRows(Town town, DateSpeller.Style dates) {
        List<List<Object>> rows = new ArrayList<>();
        for (Enforcement a : town.enforcement()) {
            rows.add(row(a.caseNo(), dates.spell(a.date()), TOWN_NAME, a.village().name(), a.target().name(),
                    a.target().creditCode(), a.target().sector(), a.department(), a.action(), a.stage(),
                    a.fineProposed(), a.fineFinal(), a.hazardNo(), a.inspectionNo(), a.description()));
        }
        return rows;
    }

    private static List<List<Object>> accidentRows(Town town, DateSpeller.Style dates) {
        List<List<Object>> rows = new ArrayList<>();
        for (Accident a : town.accidents()) {
            rows.add(row(a.no(), dates.spell(a.date()), TOWN_NAME, a.village().name(), a.sector(), a.target().name(),
                    a.target().creditCode(), GENERAL_ACCIDENT, a.deaths(), a.injuries(), a.directLoss(),
                    yesNo(a.concealed()), a.description()));
        }
        return rows;
    }

    private static String yesNo(boolean value) {
        return value ? YES : NO;
    }

    private static List<Object> row(Object... values) {
        return Arrays.asList(values);
    }

    /**
     * Decides how each date is written: mostly as the file type's natural form (a date cell, or ISO text in CSV),
     * now and then in another form real ledgers use.
     */
    private static final class DateSpeller {

        private final SplittableRandom random;

        DateSpeller(SplittableRandom random) {
            this.random = random;
        }

        interface Style {
            Object spell(LocalDate day);
        }

        Style forXlsx() {
            return day -> day == null ? null : random.nextDouble() < VARIED_DATE_SHARE ? varied(day, true) : day;
        }

        Style forCsv() {
            return day -> day == null ? null
                    : random.nextDouble() < VARIED_DATE_SHARE ? varied(day, false) : day.toString();
        }

        private String varied(LocalDate day, boolean isoTextToo) {
            int y = day.getYear();
            int m = day.getMonthValue();
            int d = day.getDayOfMonth();
            return switch (random.nextInt(isoTextToo ? 4 : 3)) {
                case 0 -> y + "/" + m + "/" + d;
                case 1 -> y + "." + m + "." + d;
                case 2 -> y + "年" + m + "月" + d + "日";
                default -> day.toString();
            };
        }
    }
}
