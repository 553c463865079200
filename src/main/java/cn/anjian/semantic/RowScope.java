package cn.anjian.semantic;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The rows the current user may see, as a condition on a region code column. The query builder and the member
 * lists apply it to every query themselves, so no panel, export or filter can leave it out. The security feature
 * replaces the default (all regions) with one that reads the signed-in user: a village cadre sees their village.
 */
@FunctionalInterface
public interface RowScope {

    /** No restriction: leadership and county users see every region. */
    RowScope ALL_REGIONS = regionCode -> DSL.noCondition();

    /** A condition on {@code regionCode} that keeps only the rows this user may see. */
    Condition regions(Field<String> regionCode);

    /**
     * True where the user may see every region of the warehouse: the rule for rows that belong to no region (import
     * rejects), which only such users are shown, so that they too give every user who sees them the same number.
     */
    default Condition everything() {
        return regions(DSL.castNull(String.class));
    }

    /**
     * The scope within which the user's units are compared (an assessment's rank and town average): every region
     * of the towns the user's regions belong to. Only aggregates computed in it may be shown to the user.
     */
    default RowScope towns() {
        return this;
    }

    /**
     * The scope within which the user's towns are compared (the county's assessment of its towns): every region of
     * the counties the user's regions belong to. Only aggregates computed in it may be shown to the user.
     */
    default RowScope counties() {
        return this;
    }
}
