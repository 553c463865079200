package cn.anjian.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.demo.DemoTownGenerator.Ledger;
import cn.anjian.etl.ImportKind;
import cn.anjian.warehouse.CodeLists;

/**
 * The demo town's ledgers, read back from the files as the importer will see them. One town at scale 1 is
 * generated for the whole class; the determinism and scale checks generate small towns of their own.
 */
class DemoTownGeneratorTest {

    private static final long SEED = 20230103L;
    private static final LocalDate AS_OF = LocalDate.of(2026, 6, 30);

    @TempDir
    static Path folder;

    private static List<Ledger> ledgers;
    /** The clean rows of every ledger (the late one too); the dirty rows written on purpose are in {@link #dirty}. */
    private static final Map<ImportKind, List<Map<String, String>>> rows = new EnumMap<>(ImportKind.class);
    /** Each dirty row with the clean row it copies (the row above it) and what is wrong with it. */
    private static final List<Soiled> dirty = new ArrayList<>();

    private record Soiled(Ledger ledger, Map<String, String> row, Map<String, String> original, DemoDirt.Row dirt) {
    }

    @BeforeAll
    static void generateTheTown() throws IOException {
        ledgers = new DemoTownGenerator(SEED, 1.0).generate(folder.resolve("town"), AS_OF);
        for (Ledger ledger : ledgers) {
            List<Map<String, String>> records = Ledgers.records(ledger.file(), csvCharset(ledger));
            Set<Integer> dirtyAt = new HashSet<>();
            for (DemoDirt.Row d : ledger.dirt()) {
                dirtyAt.add(d.index());
                dirty.add(new Soiled(ledger, records.get(d.index()), records.get(d.index() - 1), d));
            }
            List<Map<String, String>> clean = rows.computeIfAbsent(ledger.kind(), k -> new ArrayList<>());
            for (int i = 0; i < records.size(); i++) {
                if (!dirtyAt.contains(i)) {
                    clean.add(records.get(i));
                }
            }
        }
    }

    private static Charset csvCharset(Ledger ledger) {
        return ledger.kind() == ImportKind.REGIONS ? StandardCharsets.UTF_8 : LedgerFiles.GBK;
    }

    private static List<Map<String, String>> hazards() {
        return rows.get(ImportKind.HAZARDS);
    }

    // ---------------------------------------------------------------------------------------------- the files

    @Test
    void writesTheLedgersInLoadOrderWithHazardsAsExcelUntil2023AndGbkCsvAfter() {
        List<Ledger> onTime = ledgers.stream().filter(l -> !l.late()).toList();
        assertThat(onTime).extracting(Ledger::kind).isSortedAccordingTo(Comparator.naturalOrder())
                .containsOnly(ImportKind.ledgers().toArray(ImportKind[]::new));
        assertThat(onTime).extracting(l -> l.file().getFileName().toString())
                .startsWith("01-regions.csv", "02-enterprises.xlsx", "02-enterprises-changes-1.xlsx")
                .endsWith("03-inspections.csv", "04-hazards-2022.xlsx", "04-hazards-2023.xlsx", "04-hazards-2024.csv",
                        "04-hazards-2025.csv", "04-hazards-2026.csv", "05-enforcement.xlsx", "06-accidents.csv",
                        "07-drills.xlsx", "08-trainings.csv", "09-tipoffs.csv", "10-head-duties.xlsx",
                        "11-door-knocks.csv", "12-publicity.xlsx", "13-task-progress.csv");
        assertThat(ledgers).allSatisfy(l -> {
            assertThat(l.file()).isRegularFile();
            assertThat(l.displayName()).startsWith("诸佛庵镇（演示）")
                    .endsWith(l.file().toString().substring(l.file().toString().lastIndexOf('.')));
        });
    }

    @Test
    void everyLedgerHasExactlyTheHeadersOfItsTemplate() throws IOException {
        for (Ledger ledger : ledgers) {
            List<String> header = Ledgers.read(ledger.file(), csvCharset(ledger)).get(0);
            List<String> template = Ledgers.read(Path.of("etl/templates", ledger.kind().code() + ".xlsx"),
                    StandardCharsets.UTF_8).get(0);
            assertThat(header).as(ledger.file().getFileName().toString())
                    .isEqualTo(ledger.kind().headers())
                    .isEqualTo(template);
        }
    }

    @Test
    void gbkLedgersDecodeAsGbkOnlyAndHoldChineseText() throws IOException {
        List<Ledger> gbk = ledgers.stream()
                .filter(l -> l.file().toString().endsWith(".csv") && l.kind() != ImportKind.REGIONS).toList();
        assertThat(gbk).extracting(Ledger::kind)
                .contains(ImportKind.INSPECTIONS, ImportKind.HAZARDS, ImportKind.ACCIDENTS);
        for (Ledger ledger : gbk) {
            byte[] bytes = Files.readAllBytes(ledger.file());
            String text = strictlyDecode(bytes, LedgerFiles.GBK);
            assertThat(text).as(ledger.file().getFileName().toString()).contains("诸佛庵镇",
                    ledger.kind() == ImportKind.TASK_PROGRESS ? "责任单位" : "村(社区)");
            assertThatThrownBy(() -> strictlyDecode(bytes, StandardCharsets.UTF_8))
                    .isInstanceOf(CharacterCodingException.class);
        }
    }

    @Test
    void regionsAreUtf8WithoutBomAndMarkedAsDemoData() throws IOException {
        byte[] bytes = Files.readAllBytes(ledgers.get(0).file());
        assertThat(strictlyDecode(bytes, StandardCharsets.UTF_8)).startsWith("区划代码,名称,级别");
        assertThat(rows.get(ImportKind.REGIONS)).hasSize(22)
                .allSatisfy(r -> assertThat(r.get("演示数据")).isEqualTo("是"))
                .allSatisfy(r -> assertThat(r.get("区划代码")).matches("341525106[02]\\d\\d|341525000000"));
        assertThat(rows.get(ImportKind.REGIONS)).extracting(r -> r.get("级别"))
                .containsOnly("县", "镇", "村", "社区");
    }

    @Test
    void theMergedVillageKeepsItsHistoryAndItsEnterprisesMoveToTheNeighbour() {
        Map<String, String> merged = rows.get(ImportKind.REGIONS).stream()
                .filter(r -> !r.get("撤并日期").isEmpty()).findFirst().orElseThrow();
        assertThat(merged).containsEntry("名称", "仙人冲村").containsEntry("撤并日期", "2024-07-01")
                .containsEntry("并入区划代码", "341525106204");
        LocalDate mergeDay = LocalDate.parse(merged.get("撤并日期"));

        List<Map<String, String>> inspectionsThere = rows.get(ImportKind.INSPECTIONS).stream()
                .filter(r -> r.get("村(社区)").equals("仙人冲村")).toList();
        assertThat(inspectionsThere).isNotEmpty()
                .allSatisfy(r -> assertThat(Ledgers.date(r.get("检查日期"))).isBefore(mergeDay));

        // Rows of all enterprise files in load order: the register, then the change notices.
        Map<String, List<Map<String, String>>> versions = rows.get(ImportKind.ENTERPRISES).stream()
                .filter(r -> !r.get("单位名称").isEmpty())
                .collect(Collectors.groupingBy(r -> r.get("单位名称")));
        List<List<Map<String, String>>> moved = versions.values().stream()
                .filter(v -> v.stream().anyMatch(r -> r.get("村(社区)").equals("仙人冲村"))).toList();
        assertThat(moved).isNotEmpty().allSatisfy(v -> {
            Map<String, String> last = v.get(v.size() - 1);
            assertThat(last.get("村(社区)")).isEqualTo("竹林冲村");
            assertThat(Ledgers.date(last.get("信息生效日期"))).isEqualTo(mergeDay);
        });
    }

    // ---------------------------------------------------------------------------------------------- dirt

    @Test
    void theHazardInspectionAndEnforcementLedgersCarryAFewDozenDirtyRowsAYear() {
        assertThat(dirty).extracting(d -> d.ledger().kind()).containsOnly(ImportKind.HAZARDS,
                ImportKind.INSPECTIONS, ImportKind.ENFORCEMENT);
        assertThat(dirty).extracting(d -> d.dirt().what())
                .contains("村名写错", "整改期限早于发现日期", "金额写成大写汉字", "同一行录入两次");
        double years = java.time.temporal.ChronoUnit.DAYS.between(LocalDate.of(2022, 1, 1), AS_OF) / 365.0;
        assertThat(dirty.size() / years).as("dirty rows a year").isBetween(24.0, 60.0);
        assertThat(dirty.stream().filter(d -> d.ledger().kind() == ImportKind.HAZARDS)
                .map(d -> d.ledger().file().getFileName().toString()).distinct())
                .as("every year's hazard ledger").hasSize(5);
    }

    @Test
    void eachDirtyRowCopiesTheRowAboveWithTheOneMistakeAClerkMakes() {
        Set<String> villages = DemoTown.VILLAGES.stream().map(DemoTown.Village::name).collect(Collectors.toSet());
        for (Soiled d : dirty) {
            String column = d.dirt().column();
            Map<String, String> rest = new HashMap<>(d.row());
            Map<String, String> restOfOriginal = new HashMap<>(d.original());
            rest.remove(column);
            restOfOriginal.remove(column);
            assertThat(rest).as(d.toString()).isEqualTo(restOfOriginal);
            String value = d.row().get(column);
            switch (d.dirt().what()) {
                case "村名写错" -> assertThat(value).isNotIn(villages).hasSize(d.original().get(column).length());
                case "整改期限早于发现日期" -> assertThat(Ledgers.date(value)).isBefore(Ledgers.date(d.row().get("发现日期")));
                case "金额写成大写汉字" -> assertThat(value).matches("[壹贰叁肆伍陆柒捌玖拾佰仟万元整]+");
                case "同一行录入两次" -> assertThat(d.row()).isEqualTo(d.original());
                default -> throw new AssertionError(d.dirt().what());
            }
        }
    }

    @Test
    void oneVillagesInspectionsOfTheMonthBeforeLastComeInALateLedger() throws IOException {
        List<Ledger> lates = ledgers.stream().filter(Ledger::late).toList();
        assertThat(lates).hasSize(1);
        Ledger late = lates.get(0);
        assertThat(late.kind()).isEqualTo(ImportKind.INSPECTIONS);
        assertThat(late.file().getParent().getFileName()).hasToString("late");
        assertThat(late.displayName()).startsWith("诸佛庵镇（演示）").endsWith("2026-04安全检查台账（迟报）.csv");
        List<Map<String, String>> held = Ledgers.records(late.file(), LedgerFiles.GBK);
        assertThat(held).isNotEmpty();
        assertThat(held).extracting(r -> r.get("村(社区)")).containsOnly(held.get(0).get("村(社区)"));
        assertThat(held).extracting(r -> YearMonth.from(Ledgers.date(r.get("检查日期"))))
                .containsOnly(YearMonth.of(2026, 4));
        Ledger onTime = ledgers.stream().filter(l -> l.file().getFileName().toString().equals("03-inspections.csv"))
                .findFirst().orElseThrow();
        assertThat(Ledgers.records(onTime.file(), LedgerFiles.GBK)).noneMatch(r ->
                r.get("村(社区)").equals(held.get(0).get("村(社区)"))
                        && YearMonth.from(Ledgers.date(r.get("检查日期"))).equals(YearMonth.of(2026, 4)));
    }

    // ---------------------------------------------------------------------------------------------- volumes

    @Test
    void aTownAtScaleOneHasTheVolumesOfARealTown() {
        assertThat(rows.get(ImportKind.INSPECTIONS)).hasSizeBetween(8_000, 15_000);
        assertThat(hazards()).hasSizeBetween(4_000, 8_000);
        assertThat(rows.get(ImportKind.ENTERPRISES).stream().map(r -> r.get("单位名称")).distinct().count())
                .isEqualTo(300);
        assertThat(rows.get(ImportKind.ENFORCEMENT)).hasSizeBetween(300, 1_500);
        Map<String, Long> accidentsPerYear = rows.get(ImportKind.ACCIDENTS).stream()
                .collect(Collectors.groupingBy(r -> r.get("事故日期").substring(0, 4), Collectors.counting()));
        assertThat(accidentsPerYear.keySet()).contains("2022", "2023", "2024", "2025");
        assertThat(accidentsPerYear.values()).allSatisfy(n -> assertThat(n).isBetween(1L, 9L));
    }

    @Test
    void aSmallerScaleGivesASmallerTownWithTheSameVillages(@TempDir Path small) throws IOException {
        List<Ledger> written = new DemoTownGenerator(SEED, 0.2).generate(small, AS_OF);
        Map<ImportKind, Integer> counts = new EnumMap<>(ImportKind.class);
        for (Ledger ledger : written) {
            counts.merge(ledger.kind(), Ledgers.records(ledger.file(), csvCharset(ledger)).size(), Integer::sum);
        }
        assertThat(counts.get(ImportKind.REGIONS)).isEqualTo(22);
        assertThat(counts.get(ImportKind.ENTERPRISES)).isBetween(60, 70);
        assertThat(counts.get(ImportKind.INSPECTIONS)).isBetween(1_500, 4_500);
        assertThat(counts.get(ImportKind.HAZARDS)).isBetween(700, 2_500);
        assertThat(counts.get(ImportKind.ACCIDENTS)).isPositive();
    }

    // ---------------------------------------------------------------------------------------------- determinism

    @Test
    void theSameSeedGivesTheSameLedgersAndAnotherSeedAnotherTown(@TempDir Path dir) throws IOException {
        List<Ledger> first = new DemoTownGenerator(7, 0.1).generate(dir.resolve("a"), AS_OF);
        List<Ledger> second = new DemoTownGenerator(7, 0.1).generate(dir.resolve("b"), AS_OF);
        List<Ledger> other = new DemoTownGenerator(8, 0.1).generate(dir.resolve("c"), AS_OF);
        assertThat(second).hasSameSizeAs(first);
        for (int i = 0; i < first.size(); i++) {
            Path a = first.get(i).file();
            Path b = second.get(i).file();
            if (a.toString().endsWith(".csv")) {
                assertThat(Files.readAllBytes(b)).as(b.getFileName().toString()).isEqualTo(Files.readAllBytes(a));
            } else {
                assertThat(Ledgers.read(b, null)).as(b.getFileName().toString()).isEqualTo(Ledgers.read(a, null));
            }
        }
        assertThat(Files.readAllBytes(other.get(2).file())).isNotEqualTo(Files.readAllBytes(first.get(2).file()));
    }

    // ---------------------------------------------------------------------------------------------- content

    @Test
    void everyCodeWordIsASpellingTheWarehouseKnows() throws IOException {
        Set<String> known = quotedStrings(Files.readString(Path.of("sql/reference/R010__codes.sql")));
        CodeLists codes = CodeLists.load(Path.of(CodeLists.FILE));
        for (CodeLists.Kind kind : CodeLists.Kind.values()) {
            codes.of(kind).forEach(c -> known.addAll(c.aliases()));
        }
        Map<ImportKind, List<String>> coded = Map.of(
                ImportKind.ENTERPRISES, List.of("行业领域", "企业规模", "高危行业", "重点企业", "人员密集场所"),
                ImportKind.INSPECTIONS, List.of("行业领域", "责任单位", "检查类型", "领导带队", "双随机"),
                ImportKind.HAZARDS, List.of("行业领域", "隐患等级", "责任单位", "整改状态", "责任落实", "措施落实",
                        "资金落实", "时限落实", "预案落实", "是否公布"),
                ImportKind.ENFORCEMENT, List.of("行业领域", "执法单位", "执法措施"),
                ImportKind.ACCIDENTS, List.of("行业领域", "事故等级", "是否瞒报"),
                ImportKind.REGIONS, List.of("演示数据"));
        coded.forEach((kind, columns) -> {
            for (String column : columns) {
                Set<String> values = rows.get(kind).stream().map(r -> r.get(column))
                        .filter(v -> !v.isEmpty()).collect(Collectors.toCollection(TreeSet::new));
                assertThat(values).as(kind + " " + column).isNotEmpty().isSubsetOf(known);
            }
        });
    }

    @Test
    void datesComeInTheFormsTheImporterAcceptsAndNeverAfterTheAsOfDay() {
        Map<ImportKind, List<String>> dateColumns = Map.of(
                ImportKind.INSPECTIONS, List.of("检查日期"),
                ImportKind.HAZARDS, List.of("发现日期", "整改完成日期", "复查验收日期", "销号日期"),
                ImportKind.ENFORCEMENT, List.of("执法日期"),
                ImportKind.ACCIDENTS, List.of("事故日期"));
        Set<String> forms = new HashSet<>();
        dateColumns.forEach((kind, columns) -> {
            for (Map<String, String> row : rows.get(kind)) {
                for (String column : columns) {
                    String text = row.get(column);
                    LocalDate day = Ledgers.date(text);
                    if (day != null) {
                        assertThat(day).isBetween(LocalDate.of(2022, 1, 1), AS_OF);
                        forms.add(text.replaceAll("\\d", "9").replaceAll("9+", "9"));
                    }
                }
            }
        });
        assertThat(forms).contains("9-9-9", "9/9/9", "9.9.9", "9年9月9日");
    }

    @Test
    void creditCodesHaveEighteenCharactersWithValidCheckCharacters() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        List<String> codes = rows.get(ImportKind.ENTERPRISES).stream().map(r -> r.get("统一社会信用代码"))
                .filter(c -> !c.isEmpty()).distinct().toList();
        assertThat(codes).hasSizeGreaterThan(250).allSatisfy(code -> {
            assertThat(code).matches("9[123]341525MA[0-9A-HJ-NP-RT-UW-Y]{8}");
            int total = 0;
            int weight = 1;
            for (int i = 0; i < 17; i++) {
                total += alphabet.indexOf(code.charAt(i)) * weight;
                weight = weight * 3 % 31;
            }
            assertThat(alphabet.indexOf(code.charAt(17))).isEqualTo((31 - total % 31) % 31);
        });
    }

    @Test
    void eachEnterpriseFileHoldsOneRowPerEnterpriseAndChangesComeLater() throws IOException {
        Map<String, LocalDate> registered = new HashMap<>();
        for (Ledger ledger : ledgers.stream().filter(l -> l.kind() == ImportKind.ENTERPRISES).toList()) {
            List<Map<String, String>> file = Ledgers.records(ledger.file(), null);
            assertThat(file).extracting(r -> r.get("单位名称")).doesNotHaveDuplicates();
            for (Map<String, String> r : file) {
                LocalDate effective = Ledgers.date(r.get("信息生效日期"));
                LocalDate before = registered.put(r.get("单位名称"), effective);
                if (before != null) {
                    assertThat(effective).as(r.get("单位名称")).isAfter(before);
                }
            }
        }
        assertThat(registered).hasSize(300);
    }

    @Test
    void enterprisesComeInEveryScaleWithTheirFlags() {
        List<Map<String, String>> enterprises = rows.get(ImportKind.ENTERPRISES);
        assertThat(enterprises).extracting(r -> r.get("企业规模"))
                .contains("规上企业", "中小企业", "小微企业", "门店作坊");
        assertThat(enterprises).extracting(r -> r.get("行业领域")).containsAll(DemoTown.SECTORS);
        for (String flag : List.of("高危行业", "重点企业", "人员密集场所")) {
            assertThat(enterprises).extracting(r -> r.get(flag)).as(flag).contains("是", "否");
        }
    }

    // ---------------------------------------------------------------------------------------------- inspections

    @Test
    void everyVillageAndDepartmentChecksMonthlyExceptThreeVillagesWithGaps() {
        List<Map<String, String>> monthly = rows.get(ImportKind.INSPECTIONS).stream()
                .filter(r -> r.get("检查类型").equals("月度排查")).toList();
        Map<String, Set<YearMonth>> checked = new HashMap<>();
        for (Map<String, String> r : monthly) {
            String unit = r.get("责任单位").isEmpty() ? r.get("村(社区)") : r.get("责任单位");
            checked.computeIfAbsent(unit, k -> new HashSet<>()).add(YearMonth.from(Ledgers.date(r.get("检查日期"))));
        }
        Set<String> behind = new TreeSet<>();
        for (DemoTown.Village v : DemoTown.VILLAGES) {
            for (YearMonth m = YearMonth.of(2022, 1); m.isBefore(YearMonth.from(AS_OF)); m = m.plusMonths(1)) {
                if (v.activeOn(m.atDay(1)) && !checked.get(v.name()).contains(m)) {
                    behind.add(v.name());
                }
            }
        }
        assertThat(behind).containsExactlyInAnyOrder("石家河村", "高桥村", "松林村");
        for (String department : DemoTown.DEPARTMENTS) {
            assertThat(checked.get(department)).as(department).hasSize(54);
        }
        long led = monthly.stream().filter(r -> r.get("领导带队").equals("是")).count();
        assertThat((double) led / monthly.size()).isBetween(0.75, 0.95);
    }

    @Test
    void villageChecksLeaveTheResponsibleUnitEmptyAndDoubleRandomChecksAreFlagged() {
        List<Map<String, String>> inspections = rows.get(ImportKind.INSPECTIONS);
        assertThat(inspections).filteredOn(r -> r.get("检查类型").equals("双随机抽查"))
                .isNotEmpty()
                .allSatisfy(r -> assertThat(r.get("双随机")).isEqualTo("是"))
                .allSatisfy(r -> assertThat(r.get("责任单位")).isNotEmpty());
        assertThat(inspections).filteredOn(r -> r.get("检查类型").equals("日常巡查"))
                .isNotEmpty().allSatisfy(r -> assertThat(r.get("责任单位")).isEmpty());
        assertThat(inspections).filteredOn(r -> r.get("检查类型").equals("敲门行动"))
                .isNotEmpty().allSatisfy(r -> assertThat(Ledgers.date(r.get("检查日期")).getMonthValue())
                        .isIn(11, 12, 1, 2));
        assertThat(inspections).extracting(r -> r.get("检查类型")).contains(
                "日常巡查", "月度排查", "节点检查", "灾害天气检查", "举一反三排查", "双随机抽查", "明查暗访", "敲门行动",
                "企业自查");
        assertThat(inspections).extracting(r -> r.get("所属乡镇")).containsOnly("诸佛庵镇");
    }

    @Test
    void hazardsPointAtInspectionsThatFoundThemOnTheSameDay() {
        Map<String, Map<String, String>> inspections = rows.get(ImportKind.INSPECTIONS).stream()
                .collect(Collectors.toMap(r -> r.get("检查编号"), r -> r));
        Map<String, Long> linked = hazards().stream().filter(h -> !h.get("检查编号").isEmpty())
                .collect(Collectors.groupingBy(h -> h.get("检查编号"), Collectors.counting()));
        assertThat((double) linked.values().stream().mapToLong(Long::longValue).sum() / hazards().size())
                .isGreaterThan(0.8);
        for (Map<String, String> h : hazards()) {
            String no = h.get("检查编号");
            if (!no.isEmpty()) {
                Map<String, String> inspection = inspections.get(no);
                assertThat(inspection).as(no).isNotNull();
                assertThat(Ledgers.date(inspection.get("检查日期"))).isEqualTo(Ledgers.date(h.get("发现日期")));
                assertThat(inspection.get("检查对象")).isEqualTo(h.get("隐患单位或部位"));
            }
        }
        inspections.forEach((no, inspection) -> assertThat(Long.parseLong(inspection.get("发现隐患数")))
                .as(no).isEqualTo(linked.getOrDefault(no, 0L)));
    }

    @Test
    void numbersFollowTheLedgerPatternsAndAreUnique() {
        assertUnique(rows.get(ImportKind.INSPECTIONS), "检查编号", "JC-20\\d\\d-\\d{6}");
        assertUnique(hazards(), "隐患编号", "YH-20\\d\\d-\\d{6}");
        assertUnique(rows.get(ImportKind.ENFORCEMENT), "案件编号", "ZF-20\\d\\d-\\d{4}");
        assertUnique(rows.get(ImportKind.ACCIDENTS), "事故编号", "SG-20\\d\\d-\\d{2}");
    }

    // ---------------------------------------------------------------------------------------------- hazards

    @Test
    void forestFireHazardsComeInTheFireSeasonAndGasHazardsInWinter() {
        double forestInSeason = perMonth("森林防火", m -> m >= 10 || m <= 4, 7);
        double forestOffSeason = perMonth("森林防火", m -> m >= 5 && m <= 9, 5);
        assertThat(forestInSeason).isGreaterThan(3 * forestOffSeason);
        double gasInWinter = perMonth("城镇燃气", m -> m >= 11 || m <= 2, 4);
        double gasInSpring = perMonth("城镇燃气", m -> m >= 4 && m <= 5, 2);
        assertThat(gasInWinter).isGreaterThan(2 * gasInSpring);
    }

    @Test
    void selfBuiltHousingHazardsRiseWithTheDriveFromMid2022() {
        Map<Boolean, Long> before = hazards().stream().filter(h -> h.get("行业领域").equals("自建房"))
                .map(h -> Ledgers.date(h.get("发现日期")))
                .filter(d -> d.isBefore(LocalDate.of(2023, 1, 1)))
                .collect(Collectors.partitioningBy(d -> d.isBefore(LocalDate.of(2022, 5, 1)), Collectors.counting()));
        double perMonthBefore = before.get(true) / 4.0;
        double perMonthAfter = before.get(false) / 8.0;
        assertThat(perMonthAfter).isGreaterThan(3 * perMonthBefore);
    }

    @Test
    void hazardStatusesAgreeWithTheirDates() {
        for (Map<String, String> h : hazards()) {
            LocalDate found = Ledgers.date(h.get("发现日期"));
            LocalDate deadline = Ledgers.date(h.get("整改期限"));
            LocalDate rectified = Ledgers.date(h.get("整改完成日期"));
            LocalDate verified = Ledgers.date(h.get("复查验收日期"));
            LocalDate closed = Ledgers.date(h.get("销号日期"));
            assertThat(deadline).as(h.get("隐患编号")).isAfterOrEqualTo(found);
            switch (h.get("整改状态")) {
                case "已销号" -> {
                    assertThat(closed).as(h.get("隐患编号")).isNotNull();
                    assertThat(verified).isNotNull().isBeforeOrEqualTo(closed);
                    assertThat(rectified).isNotNull().isBeforeOrEqualTo(verified).isAfterOrEqualTo(found);
                }
                case "已整改" -> {
                    assertThat(rectified).as(h.get("隐患编号")).isNotNull().isAfterOrEqualTo(found);
                    assertThat(closed).isNull();
                }
                case "待整改", "整改中" -> {
                    assertThat(rectified).as(h.get("隐患编号")).isNull();
                    assertThat(verified).isNull();
                    assertThat(closed).isNull();
                }
                default -> throw new AssertionError("unexpected status " + h.get("整改状态"));
            }
        }
        assertThat(hazards()).extracting(h -> h.get("整改状态")).contains("待整改", "整改中", "已整改", "已销号");
    }

    @Test
    void mostHazardsAreFixedInTimeSomeLateAndAFewAreOverdueOnTheAsOfDay() {
        long rectified = hazards().stream().filter(h -> !h.get("整改完成日期").isEmpty()).count();
        long late = hazards().stream().filter(h -> !h.get("整改完成日期").isEmpty()
                && Ledgers.date(h.get("整改完成日期")).isAfter(Ledgers.date(h.get("整改期限")))).count();
        long overdue = hazards().stream().filter(h -> h.get("整改完成日期").isEmpty()
                && Ledgers.date(h.get("整改期限")).isBefore(AS_OF)).count();
        assertThat((double) late / rectified).isBetween(0.08, 0.3);
        assertThat(overdue).isBetween(5L, 150L);
        long oldOpen = hazards().stream().filter(h -> h.get("整改完成日期").isEmpty()
                && Ledgers.date(h.get("发现日期")).isBefore(AS_OF.minusYears(1))).count();
        assertThat(oldOpen).as("long-stuck hazards").isPositive();
    }

    @Test
    void aboutTwoPercentOfHazardsAreMajorWithTheirFiveImplementationsAndPublication() {
        List<Map<String, String>> major = hazards().stream().filter(h -> h.get("隐患等级").equals("重大隐患")).toList();
        assertThat((double) major.size() / hazards().size()).isBetween(0.01, 0.035);
        List<String> five = List.of("责任落实", "措施落实", "资金落实", "时限落实", "预案落实");
        long flags = 0;
        long yes = 0;
        for (Map<String, String> h : major) {
            for (String f : five) {
                assertThat(h.get(f)).isIn("是", "否");
                flags++;
                yes += h.get(f).equals("是") ? 1 : 0;
            }
            assertThat(h.get("整改资金(元)")).isNotEmpty();
            if (h.get("整改状态").equals("已销号")) {
                assertThat(h.get("是否公布")).isIn("是", "否");
            } else {
                assertThat(h.get("是否公布")).isEmpty();
            }
        }
        assertThat((double) yes / flags).isGreaterThan(0.8);
        assertThat(hazards()).filteredOn(h -> h.get("隐患等级").equals("一般隐患"))
                .allSatisfy(h -> assertThat(h.get("责任落实") + h.get("是否公布")).isEmpty());
    }

    // ---------------------------------------------------------------------------------------------- enforcement

    @Test
    void repeatOffendersClimbTheLadderToFinesAtTheThirdInspection() {
        List<Map<String, String>> enforcement = rows.get(ImportKind.ENFORCEMENT);
        Map<String, List<Map<String, String>>> ladders = enforcement.stream()
                .filter(r -> !r.get("检查次序").isEmpty())
                .sorted(Comparator.comparing(r -> Ledgers.date(r.get("执法日期"))))
                .collect(Collectors.groupingBy(r -> r.get("当事单位")));
        long fullLadders = ladders.values().stream()
                .filter(l -> l.stream().map(r -> r.get("检查次序")).collect(Collectors.joining()).contains("123"))
                .count();
        assertThat(fullLadders).isGreaterThanOrEqualTo(5);
        assertThat(enforcement).filteredOn(r -> !r.get("检查次序").isEmpty()).allSatisfy(r ->
                assertThat(r.get("执法措施")).isEqualTo(switch (r.get("检查次序")) {
                    case "1" -> "首查服务提醒";
                    case "2" -> "再查警告警示";
                    default -> "三查依法查处";
                }));
        assertThat(enforcement).filteredOn(r -> r.get("检查次序").equals("3"))
                .allSatisfy(r -> assertThat(Long.parseLong(r.get("拟罚款(元)"))).isPositive());
        assertThat(enforcement).filteredOn(r -> !r.get("实际罚款(元)").isEmpty()).allSatisfy(r ->
                assertThat(Long.parseLong(r.get("实际罚款(元)"))).isLessThanOrEqualTo(Long.parseLong(r.get("拟罚款(元)"))));
        assertThat(enforcement).extracting(r -> r.get("执法措施")).contains("约谈", "通报", "责令停产停业整顿");
    }

    @Test
    void aFewBlacklistEntriesArePublishedAtQuarterEnds() {
        List<LocalDate> blacklisted = rows.get(ImportKind.ENFORCEMENT).stream()
                .filter(r -> r.get("执法措施").equals("纳入黑名单"))
                .map(r -> Ledgers.date(r.get("执法日期"))).toList();
        assertThat(blacklisted).hasSizeBetween(3, 20).allSatisfy(d ->
                assertThat(d.plusDays(1).getDayOfMonth() == 1 && d.getMonthValue() % 3 == 0).as(d.toString()).isTrue());
        assertThat(blacklisted.stream().map(YearMonth::from).distinct().count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void accidentsAreGeneralWithFewCasualtiesAndAtMostOneConcealed() {
        List<Map<String, String>> accidents = rows.get(ImportKind.ACCIDENTS);
        assertThat(accidents).extracting(r -> r.get("事故等级")).containsOnly("一般事故");
        assertThat(accidents).allSatisfy(r -> {
            assertThat(Integer.parseInt(r.get("死亡人数"))).isBetween(0, 2);
            assertThat(Integer.parseInt(r.get("受伤人数"))).isBetween(0, 3);
        });
        assertThat(accidents).filteredOn(r -> r.get("是否瞒报").equals("是")).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void anAsOfDayEarlyIn2022StillGivesAWholeSmallTown(@TempDir Path dir) throws IOException {
        List<Ledger> early = new DemoTownGenerator(SEED, 0.2).generate(dir, LocalDate.of(2022, 3, 1));
        assertThat(early).filteredOn(l -> !l.late()).extracting(Ledger::kind).containsExactlyElementsOf(ImportKind.ledgers());
        assertThat(early).filteredOn(Ledger::late).singleElement().extracting(Ledger::displayName).asString()
                .endsWith("2022-01安全检查台账（迟报）.csv");
        assertThat(Ledgers.records(early.get(0).file(), StandardCharsets.UTF_8))
                .allSatisfy(r -> assertThat(r.get("撤并日期")).isEmpty());
        assertThat(Ledgers.records(early.get(2).file(), LedgerFiles.GBK)).isNotEmpty();
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static double perMonth(String sector, Predicate<Integer> months, int monthCount) {
        return hazards().stream().filter(h -> h.get("行业领域").equals(sector))
                .filter(h -> months.test(Ledgers.date(h.get("发现日期")).getMonthValue())).count()
                / (double) monthCount;
    }

    private static void assertUnique(List<Map<String, String>> rows, String column, String pattern) {
        assertThat(rows).extracting(r -> r.get(column)).allSatisfy(v -> assertThat(v).matches(pattern))
                .doesNotHaveDuplicates();
    }

    private static String strictlyDecode(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static Set<String> quotedStrings(String sql) {
        Set<String> strings = new HashSet<>();
        Matcher m = Pattern.compile("'([^']*)'").matcher(sql);
        while (m.find()) {
            strings.add(m.group(1));
        }
        return strings;
    }
}
