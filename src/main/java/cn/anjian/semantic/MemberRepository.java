package cn.anjian.semantic;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jooq.DSLContext;
import org.jooq.Record;

import org.springframework.stereotype.Repository;

import static cn.anjian.jooq.Tables.DIM_REGION;
import static cn.anjian.jooq.Tables.DIM_SECTOR;

/**
 * Labels and display order of coded dimensions, read from the reference tables (the one label source): sectors
 * from {@code dim_sector}, the five headline sectors first; villages from {@code dim_region}, within the user's
 * row scope. Read on every call rather than cached: they are a few dozen rows and change with each region import.
 */
@Repository
public class MemberRepository {

    static final String VILLAGE_LEVEL = "village";

    private final DSLContext dsl;
    private final RowScope scope;

    MemberRepository(DSLContext dsl, RowScope scope) {
        this.dsl = dsl;
        this.scope = scope;
    }

    public List<Member> members(Dimension.MemberKind kind) {
        return switch (kind) {
            case SECTOR -> sectors();
            case VILLAGE -> villages();
            case NONE -> List.of();
        };
    }

    public List<Member> sectors() {
        return dsl.select(DIM_SECTOR.SECTOR_CODE, DIM_SECTOR.NAME_ZH, DIM_SECTOR.NAME_EN, DIM_SECTOR.IS_HEADLINE)
                .from(DIM_SECTOR)
                .orderBy(DIM_SECTOR.IS_HEADLINE.desc(), DIM_SECTOR.SORT_ORDER, DIM_SECTOR.SECTOR_CODE)
                .fetch(MemberRepository::sector);
    }

    /** Villages and communities the user may see, in Chinese (pinyin) order of their names. */
    public List<Member> villages() {
        return dsl.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME)
                .from(DIM_REGION)
                .where(DIM_REGION.REGION_LEVEL.eq(VILLAGE_LEVEL))
                .and(scope.regions(DIM_REGION.REGION_CODE))
                .orderBy(DIM_REGION.REGION_NAME.collate("zh"), DIM_REGION.REGION_CODE)
                .fetch(MemberRepository::village);
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
                Boolean.TRUE.equals(r.get(DIM_SECTOR.IS_HEADLINE)));
    }

    /** Villages have no English name in the reference data; the Chinese name serves both languages. */
    private static Member village(Record r) {
        String name = r.get(DIM_REGION.REGION_NAME);
        return new Member(r.get(DIM_REGION.REGION_CODE), Label.of(name, name), false);
    }
}
