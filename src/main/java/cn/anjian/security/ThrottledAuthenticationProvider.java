package cn.anjian.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password sign-in with the lockout of {@link LoginThrottle} in front: a locked username is refused before its
 * password is checked (so guessing on during a lock learns nothing), a wrong password counts towards a lock, and
 * a right one clears the count.
 */
class ThrottledAuthenticationProvider implements AuthenticationProvider {

    private final DaoAuthenticationProvider passwords;
    private final LoginThrottle throttle;
    private final AuditLog audit;

    ThrottledAuthenticationProvider(UserAccounts accounts, PasswordEncoder encoder, LoginThrottle throttle,
                                    AuditLog audit) {
        this.passwords = new DaoAuthenticationProvider(accounts);
        this.passwords.setPasswordEncoder(encoder);
        this.throttle = throttle;
        this.audit = audit;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String username = authentication.getName();
        if (throttle.isLocked(username)) {
            throw new LockedException("locked until " + throttle.lockedUntil(username));
        }
        try {
            Authentication result = passwords.authenticate(authentication);
            throttle.succeeded(username);
            return result;
        } catch (BadCredentialsException e) {
            if (throttle.failed(username)) {
                audit.record(username, "LOGIN_LOCKED", AuditLog.FAILURE, username,
                        "连续输错密码，锁定至 " + throttle.lockedUntil(username));
            }
            throw e;
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
