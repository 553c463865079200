package cn.anjian.semantic;

import java.time.LocalDate;

import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

import cn.anjian.jooq.tables.DimEnterprise;
import cn.anjian.jooq.tables.DimRegion;

import static cn.anjian.jooq.Tables.DIM_ENTERPRISE;
import static cn.anjian.jooq.Tables.DIM_REGION;

/**
 * One query's view of its source: the source's columns, the as-of date as a bind value, and the dimension tables
 * a dimension or filter asks for, joined only when asked (region hierarchy; the enterprise version valid on the
 * fact's own date, type 2).
 */
final class From {

    private final Source source;
    private final Field<LocalDate> asOf;
    private final DimRegion region = DIM_REGION.as("r");
    private final DimEnterprise enterprise = DIM_ENTERPRISE.as("e");
    private boolean regionJoined;
    private boolean enterpriseJoined;

    From(Source source, LocalDate asOf) {
        this.source = source;
        this.asOf = DSL.val(asOf);
    }

    Source source() {
        return source;
    }

    /** The as-of date, as a bind value. */
    Field<LocalDate> asOf() {
        return asOf;
    }

    /** {@code dim_region} joined on the region a row belongs to, or {@code null} for a source without one. */
    DimRegion region() {
        if (source.home() == null) {
            return null;
        }
        regionJoined = true;
        return region;
    }

    /** The {@code dim_enterprise} version valid on the fact's date, or {@code null} for a source without one. */
    DimEnterprise enterprise() {
        if (source.enterprise() == null) {
            return null;
        }
        enterpriseJoined = true;
        return enterprise;
    }

    Table<?> table() {
        Table<?> table = source.table();
        if (regionJoined) {
            table = table.leftJoin(region).on(region.REGION_CODE.eq(source.home()));
        }
        if (enterpriseJoined) {
            table = table.leftJoin(enterprise).on(enterprise.ENTERPRISE_CODE.eq(source.enterprise())
                    .and(enterprise.VALID_FROM.le(source.time()))
                    .and(enterprise.VALID_TO.ge(source.time())));
        }
        return table;
    }
}
