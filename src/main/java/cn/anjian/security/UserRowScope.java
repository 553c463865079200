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
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) {
            return DSL.falseCondition();
        }
        if (hasRole(auth, Role.ADMIN)) {
            return DSL.noCondition();
        }
        if (!(auth.getPrincipal() instanceof Account account) || account.scope().isEmpty()) {
            return DSL.falseCondition();
        }
        return regionCode.in(subtree(account.role(), account.scope()));
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
