package cn.anjian.semantic;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Repository;

import static cn.anjian.jooq.Tables.DIM_DEPARTMENT;
import static cn.anjian.jooq.Tables.DIM_ENFORCEMENT_ACTION;
import static cn.anjian.jooq.Tables.DIM_ENTERPRISE;
import static cn.anjian.jooq.Tables.DIM_HAZARD_LEVEL;
import static cn.anjian.jooq.Tables.DIM_INSPECTION_TYPE;
import static cn.anjian.jooq.Tables.DIM_REGION;
import static cn.anjian.jooq.Tables.DIM_SECTOR;

/**
 * Labels and display order of coded dimensions, read from the reference tables (the one label source): sectors
 * from {@code dim_sector}, the five headline sectors first, each sub-sector after its parent; hazard levels,
 * inspection types and enforcement actions from theirs (all four written from {@code etl/codes.yaml}); villages from {@code dim_region}, within the user's
 * row scope; departments, inspection types and enforcement actions from theirs; fixed code lists from
 * {@link Codes}. Read on every call rather than cached: they are a few dozen rows and change with each import.
 * Enterprises and regions of any level are looked up only for the codes a result holds.
 */
@Repository
public class MemberRepository {

    static final String VILLAGE_LEVEL = "village";

    private final DSLContext dsl;
    private final RowScope scope;

    public MemberRepository(DSLContext dsl, RowScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    /** All members of a code list, in display order; empty for open-ended kinds (enterprises, text). */
    public List<Member> members(Dimension.MemberKind kind) {
        return switch (kind) {
            case SECTOR -> sectors();
            case SECTOR_GROUP -> sectors().stream().filter(m -> m.parent() == null).toList();
            case VILLAGE -> villages();
            case DEPARTMENT -> departments();
            case INSPECTION_TYPE -> dsl.select(DIM_INSPECTION_TYPE.TYPE_CODE, DIM_INSPECTION_TYPE.NAME_ZH,
                            DIM_INSPECTION_TYPE.NAME_EN).from(DIM_INSPECTION_TYPE)
                    .orderBy(DIM_INSPECTION_TYPE.SORT_ORDER).fetch(MemberRepository::coded);
            case ENFORCEMENT_ACTION -> dsl.select(DIM_ENFORCEMENT_ACTION.ACTION_CODE, DIM_ENFORCEMENT_ACTION.NAME_ZH,
                            DIM_ENFORCEMENT_ACTION.NAME_EN).from(DIM_ENFORCEMENT_ACTION)
                    .orderBy(DIM_ENFORCEMENT_ACTION.SORT_ORDER).fetch(MemberRepository::coded);
            case REGION -> dsl.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME, DIM_REGION.REGION_NAME)
                    .from(DIM_REGION).where(DIM_REGION.REGION_LEVEL.in("county", "town"))
                    .orderBy(DIM_REGION.REGION_CODE).fetch(MemberRepository::coded);
            case HAZARD_LEVEL -> dsl.select(DIM_HAZARD_LEVEL.LEVEL_CODE, DIM_HAZARD_LEVEL.NAME_ZH,
                            DIM_HAZARD_LEVEL.NAME_EN).from(DIM_HAZARD_LEVEL)
                    .orderBy(DIM_HAZARD_LEVEL.SORT_ORDER).fetch(MemberRepository::coded);
            case HAZARD_STATUS -> Codes.HAZARD_STATUSES;
            case SCALE -> Codes.SCALES;
            case FLAG -> Codes.FLAGS;
            case UNIT_KIND -> Codes.UNIT_KINDS;
            case ACCIDENT_LEVEL -> Codes.ACCIDENT_LEVELS;
            case TRAINING_ROLE -> Codes.TRAINING_ROLES;
            case TRAINING_TYPE -> Codes.TRAINING_TYPES;
            case TIPOFF_CHANNEL -> Codes.TIPOFF_CHANNELS;
            case HOUSEHOLD_TYPE -> Codes.HOUSEHOLD_TYPES;
            case PUBLICITY_KIND -> Codes.PUBLICITY_KINDS;
            case TASK_STATUS -> Codes.TASK_STATUSES;
            case UNIT -> {
                List<Member> units = new java.util.ArrayList<>(villages());
                units.addAll(departments());
                yield units;
            }
            case ENTERPRISE, TEXT, NONE -> List.of();
        };
    }

    /** Labels of these codes, in display order; codes without a label come last, labelled by themselves. */
    public List<Member> labels(Dimension.MemberKind kind, Collection<?> codes) {
        Set<String> present = new LinkedHashSet<>();
        codes.stream().filter(c -> c != null).map(String::valueOf).forEach(present::add);
        List<Member> known = switch (kind) {
            case ENTERPRISE -> {
                // the name of the latest version: a renamed enterprise shows its present name
                var name = DSL.field("arg_max({0}, {1})", String.class, DIM_ENTERPRISE.ENTERPRISE_NAME,
                        DIM_ENTERPRISE.VALID_FROM);
                yield present.isEmpty() ? List.of() : dsl.select(DIM_ENTERPRISE.ENTERPRISE_CODE, name, name)
                        .from(DIM_ENTERPRISE).where(DIM_ENTERPRISE.ENTERPRISE_CODE.in(present))
                        .groupBy(DIM_ENTERPRISE.ENTERPRISE_CODE)
                        .orderBy(DIM_ENTERPRISE.ENTERPRISE_CODE)
                        .fetch(MemberRepository::coded);
            }
            case REGION -> present.isEmpty() ? List.of() : dsl
                    .select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME, DIM_REGION.REGION_NAME)
                    .from(DIM_REGION).where(DIM_REGION.REGION_CODE.in(present))
                    .orderBy(DIM_REGION.REGION_CODE).fetch(MemberRepository::coded);
            default -> members(kind);
        };
        List<Member> ordered = new java.util.ArrayList<>();
        for (Member m : known) {
            if (present.remove(m.code())) {
                ordered.add(m);
            }
        }
        present.stream().sorted().forEach(code -> ordered.add(new Member(code, Label.of(code, code), false)));
        return ordered;
    }

    /** The codes a filter may name: {@code null} for open-ended kinds (enterprises, text), checked by form only. */
    Set<String> codes(Dimension.MemberKind kind, String dimensionId) {
        return switch (kind) {
            case SECTOR -> sectorCodes();
            case VILLAGE -> villageCodes();
            case REGION -> new LinkedHashSet<>(dsl.select(DIM_REGION.REGION_CODE).from(DIM_REGION)
                    .where(DIM_REGION.REGION_LEVEL.eq(dimensionId)).fetch(DIM_REGION.REGION_CODE));
            case ENTERPRISE, TEXT, NONE -> null;
            default -> {
                Set<String> codes = new LinkedHashSet<>();
                members(kind).forEach(m -> codes.add(m.code()));
                yield codes;
            }
        };
    }

    /**
     * Enterprises the user may see whose name or code holds {@code query} (all when blank), by name, at most
     * {@code limit}: the picker of the enterprise page opened without one.
     */
    public List<Member> enterprises(String query, int limit) {
        String q = query == null ? "" : query.strip();
        return dsl.select(DIM_ENTERPRISE.ENTERPRISE_CODE, DIM_ENTERPRISE.ENTERPRISE_NAME)
                .from(DIM_ENTERPRISE)
                .where(DIM_ENTERPRISE.IS_CURRENT)
                .and(scope.regions(DIM_ENTERPRISE.REGION_CODE))
                .and(q.isEmpty() ? DSL.noCondition() : DIM_ENTERPRISE.ENTERPRISE_NAME.containsIgnoreCase(q)
                        .or(DIM_ENTERPRISE.ENTERPRISE_CODE.containsIgnoreCase(q)))
                .orderBy(DIM_ENTERPRISE.ENTERPRISE_NAME.collate("zh"), DIM_ENTERPRISE.ENTERPRISE_CODE)
                .limit(limit)
                .fetch(r -> new Member(r.value1(), Label.of(r.value2(), r.value2()), false));
    }

    public List<Member> sectors() {
        return dsl.select(DIM_SECTOR.SECTOR_CODE, DIM_SECTOR.NAME_ZH, DIM_SECTOR.NAME_EN, DIM_SECTOR.IS_HEADLINE,
                        DIM_SECTOR.PARENT_CODE)
                .from(DIM_SECTOR)
                .orderBy(DIM_SECTOR.IS_HEADLINE.desc(), DIM_SECTOR.SORT_ORDER, DIM_SECTOR.SECTOR_CODE)
                .fetch(MemberRepository::sector);
    }

    /** Villages and communities the user may see, in Chinese (pinyin) order of their names. */
    public List<Member> villages() {
        return villages(scope);
    }

    /** Villages and communities within another scope (the town a village is ranked in). */
    public List<Member> villages(RowScope rowScope) {
        return dsl.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME)
                .from(DIM_REGION)
                .where(DIM_REGION.REGION_LEVEL.eq(VILLAGE_LEVEL))
                .and(rowScope.regions(DIM_REGION.REGION_CODE))
                .orderBy(DIM_REGION.REGION_NAME.collate("zh"), DIM_REGION.REGION_CODE)
                .fetch(MemberRepository::village);
    }

    /** Towns the user may see (their own town, or all towns of their county), in Chinese order of their names. */
    public List<Member> towns(RowScope rowScope) {
        return dsl.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME, DIM_REGION.REGION_NAME)
                .from(DIM_REGION)
                .where(DIM_REGION.REGION_LEVEL.eq("town"))
                .and(rowScope.regions(DIM_REGION.REGION_CODE))
                .orderBy(DIM_REGION.REGION_NAME.collate("zh"), DIM_REGION.REGION_CODE)
                .fetch(MemberRepository::coded);
    }

    public List<Member> departments() {
        return dsl.select(DIM_DEPARTMENT.DEPARTMENT_CODE, DIM_DEPARTMENT.NAME_ZH, DIM_DEPARTMENT.NAME_EN)
                .from(DIM_DEPARTMENT).orderBy(DIM_DEPARTMENT.SORT_ORDER).fetch(MemberRepository::coded);
    }

    /**
     * The departments whose records a scope holds: a department serves its town (its rows belong to the town),
     * so a scope holding a town holds the departments, and a village's scope none.
     */
    public List<Member> departments(RowScope rowScope) {
        boolean town = dsl.fetchExists(DSL.selectOne().from(DIM_REGION)
                .where(DIM_REGION.REGION_LEVEL.eq("town")).and(rowScope.regions(DIM_REGION.REGION_CODE)));
        return town ? departments() : List.of();
    }

    Set<String> sectorCodes() {
        return new LinkedHashSet<>(dsl.select(DIM_SECTOR.SECTOR_CODE).from(DIM_SECTOR).fetch(DIM_SECTOR.SECTOR_CODE));
    }

    Set<String> villageCodes() {
        return new LinkedHashSet<>(dsl.select(DIM_REGION.REGION_CODE)
                .from(DIM_REGION)
                .where(DIM_REGION.REGION_LEVEL.eq(VILLAGE_LEVEL))
                .and(scope.regions(DIM_REGION.REGION_CODE))
                .fetch(DIM_REGION.REGION_CODE));
    }

    private static Member sector(Record r) {
        return new Member(r.get(DIM_SECTOR.SECTOR_CODE),
                Label.of(r.get(DIM_SECTOR.NAME_ZH), r.get(DIM_SECTOR.NAME_EN)),
                Boolean.TRUE.equals(r.get(DIM_SECTOR.IS_HEADLINE)), r.get(DIM_SECTOR.PARENT_CODE));
    }

    private static Member coded(Record r) {
        return new Member(r.get(0, String.class), Label.of(r.get(1, String.class), r.get(2, String.class)), false);
    }

    /** Villages have no English name in the reference data; the Chinese name serves both languages. */
    private static Member village(Record r) {
        String name = r.get(DIM_REGION.REGION_NAME);
        return new Member(r.get(DIM_REGION.REGION_CODE), Label.of(name, name), false);
    }
}
