package cn.anjian.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Gives every page the signed-in user ({@code currentAccount}), for the
 * account corner of the page shell ({@code fragments/layout}): name, role and sign-out button.
 */
@ControllerAdvice
class AccountModelAdvice {

    @ModelAttribute("currentAccount")
    CurrentAccount currentAccount() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof Account account) {
            return new CurrentAccount(account.getUsername(), account.displayName(), account.role().zh(),
                    account.role() == Role.ADMIN);
        }
        if (UserRowScope.isAdmin(auth)) {
            return new CurrentAccount(auth.getName(), auth.getName(), Role.ADMIN.zh(), true);
        }
        return null;
    }

    record CurrentAccount(String username, String displayName, String roleName, boolean admin) {
    }
}
