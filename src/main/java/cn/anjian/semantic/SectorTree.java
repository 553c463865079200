package cn.anjian.semantic;

import java.util.Collection;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import static cn.anjian.jooq.Tables.DIM_SECTOR;

/**
 * Sectors have sub-sectors ({@code parent} in {@code etl/codes.yaml}: 餐饮 under 人员密集场所), so a filter on a sector
 * takes its sub-sectors' rows too, and the {@code sector_parent} dimension rolls a sub-sector up into its parent.
 * Both are SQL over {@code dim_sector}, so a sector added to the file needs no code; the codes travel as bind values.
 */
public final class SectorTree {

    private static final org.jooq.Table<?> GROUP = DIM_SECTOR.as("sector_group");

    private SectorTree() {
    }

    /** Rows of these sectors or of their sub-sectors. */
    public static Condition inOrUnder(Field<String> sector, Collection<String> codes) {
        return sector.in(DSL.select(DIM_SECTOR.SECTOR_CODE).from(DIM_SECTOR)
                .where(DIM_SECTOR.SECTOR_CODE.in(codes).or(DIM_SECTOR.PARENT_CODE.in(codes))));
    }

    /** The sector a row counts under when sub-sectors are grouped: its parent, else itself. */
    static Field<String> parentOf(Field<String> sector) {
        Field<String> parent = GROUP.field(DIM_SECTOR.PARENT_CODE);
        Field<String> code = GROUP.field(DIM_SECTOR.SECTOR_CODE);
        return DSL.coalesce(DSL.field(DSL.select(parent).from(GROUP).where(code.eq(sector))), sector);
    }
}
