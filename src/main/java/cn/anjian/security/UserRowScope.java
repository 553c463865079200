package cn.anjian.security;

import java.util.Collection;


import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

import cn.anjian.semantic.RowScope;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import static cn.anjian.jooq.Tables.DIM_REGION;

/**
 * The row scope of the signed-in user, replacing the semantic layer's "all regions" fallback: ADMIN sees every
 * region; a LEADER the regions under their towns or counties ({@code dim_region.town_code}/{@code county_code});
 * a VILLAGE user their villages; anyone else (anonymous, a background thread without a user) nothing. The
 * condition is a sub-select on {@code dim_region}, so a village merged or re-parented by a region import moves
 * with it without anyone signing in again.
 */
@Component
class UserRowScope implements RowScope {

    @Override
    public Condition regions(Field<String> regionCode) {
        return restricted().map(account -> regionCode.in(subtree(account.role(), account.scope())))
                .orElseGet(() -> signedInAdmin() ? DSL.noCondition() : DSL.falseCondition());
    }

    /** True for an administrator, and for anyone whose scope holds every village of the warehouse. */
    @Override
    public Condition everything() {
        return restricted().map(account -> DSL.notExists(DSL.selectOne().from(DIM_REGION)
                        .where(DIM_REGION.REGION_LEVEL.eq("village"))
                        .and(DIM_REGION.REGION_CODE.notIn(subtree(account.role(), account.scope())))))
                .orElseGet(() -> signedInAdmin() ? DSL.noCondition() : DSL.falseCondition());
    }

    /** The whole towns of the user's regions: a village cadre's village is compared with the town's others. */
    @Override
    public RowScope towns() {
        return restricted().<RowScope>map(account -> regionCode -> regionCode.in(subtree(account.role(),
                        account.scope())).or(regionCode.in(DSL.select(DIM_REGION.REGION_CODE).from(DIM_REGION)
                        .where(DIM_REGION.TOWN_CODE.in(DSL.select(DIM_REGION.TOWN_CODE).from(DIM_REGION)
                                .where(DIM_REGION.REGION_CODE.in(account.scope())))))))
                .orElse(this);
    }

    /** The whole counties of the user's regions: a town leader's town is compared with the county's others. */
    @Override
    public RowScope counties() {
        return restricted().<RowScope>map(account -> regionCode -> regionCode.in(subtree(account.role(),
                        account.scope())).or(regionCode.in(DSL.select(DIM_REGION.REGION_CODE).from(DIM_REGION)
                        .where(DIM_REGION.COUNTY_CODE.in(DSL.select(DIM_REGION.COUNTY_CODE).from(DIM_REGION)
                                .where(DIM_REGION.REGION_CODE.in(account.scope())))))))
                .orElse(this);
    }

    private static Authentication current() {
        return SecurityContextHolder.getContext().getAuthentication();
    }

    private static boolean signedInAdmin() {
        Authentication auth = current();
        return auth != null && auth.isAuthenticated() && isAdmin(auth);
    }

    /** The signed-in account when its rows are restricted; empty for administrators and for no valid user. */
    private static java.util.Optional<Account> restricted() {
        Authentication auth = current();
        if (auth == null || !auth.isAuthenticated() || hasRole(auth, Role.ADMIN)
                || !(auth.getPrincipal() instanceof Account account) || account.scope().isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(account);
    }

    /** The region codes in scope, as a sub-select; VILLAGE users get their own codes and nothing below. */
    static org.jooq.Select<org.jooq.Record1<String>> subtree(Role role, Collection<String> scope) {
        Condition within = DIM_REGION.REGION_CODE.in(scope);
        if (role == Role.LEADER) {
            within = within.or(DIM_REGION.TOWN_CODE.in(scope)).or(DIM_REGION.COUNTY_CODE.in(scope));
        }
        return DSL.select(DIM_REGION.REGION_CODE).from(DIM_REGION).where(within);
    }

    private static boolean hasRole(Authentication auth, Role role) {
        String wanted = role.authority().getAuthority();
        for (GrantedAuthority a : auth.getAuthorities()) {
            if (wanted.equals(a.getAuthority())) {
                return true;
            }
        }
        return false;
    }

    static boolean isAdmin(Authentication auth) {
        return auth != null && hasRole(auth, Role.ADMIN);
    }

}
