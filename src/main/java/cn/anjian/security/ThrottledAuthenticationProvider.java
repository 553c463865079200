package cn.anjian.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Password sign-in with the lockout of {@link LoginThrottle} in front: a username locked from this client address
 * (or the address itself) is refused before its password is checked, so guessing on during a lock learns nothing;
 * a wrong password counts towards a lock and a right one clears the count. A disabled account is named only to
 * whoever knows its password: with a wrong one the answer is the same as for any wrong password, so nobody can
 * tell disabled accounts from unknown ones.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final UserAccounts accounts;
    private final PasswordEncoder encoder;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    ThrottledAuthenticationProvider(UserAccounts accounts, PasswordEncoder encoder, LoginThrottle throttle,
                                    AuditLog audit) {
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
        this.accounts = accounts;
        this.encoder = encoder;
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : null;
        if (throttle.isLocked(username, address)) {
            throw new LockedException("locked until " + throttle.lockedUntil(username, address));
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username, address);
            return result;
        } catch (DisabledException e) {
            if (rightPassword(username, authentication.getCredentials())) {
                throw e;
            }
            throw wrongPassword(username, address, new BadCredentialsException("Bad credentials"));
        } catch (BadCredentialsException e) {
            throw wrongPassword(username, address, e);
        }
    }

    private BadCredentialsException wrongPassword(String username, String address, BadCredentialsException e) {
        if (throttle.failed(username, address)) {
            audit.record(username, "LOGIN_LOCKED", AuditLog.FAILURE, username,
                    "连续输错密码，锁定至 " + throttle.lockedUntil(username, address)
                            + (address == null ? "" : " (来自 " + address + ")"));
        }
        return e;
    }

    private boolean rightPassword(String username, Object credentials) {
        return credentials != null && accounts.find(username)
                .map(account -> account.getPassword() != null
                        && encoder.matches(credentials.toString(), account.getPassword()))
                .orElse(false);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
