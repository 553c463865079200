package cn.anjian.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Locks a username after repeated wrong passwords: after {@code maxFailures} in a row it is refused, without the
 * password even being checked, for the lockout period, doubled for each further lock (at most a day). Kept per
 * username typed, whether or not such a user exists, so a lock tells nobody which names are real. In memory:
 * a restart forgets locks, which an attacker cannot cause, and the audit table keeps the history.
 */
@Component
class LoginThrottle {

    private static final int MAX_TRACKED = 10_000;
    private static final Duration MAX_LOCK = Duration.ofDays(1);

    private final int maxFailures;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();

    LoginThrottle(SecurityProperties properties, Clock clock) {
        this.maxFailures = properties.maxFailures();
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    boolean isLocked(String username) {
        return lockedUntil(username) != null;
    }

    /** When the lock on {@code username} ends, or null if it is not locked. */
    Instant lockedUntil(String username) {
        Attempts a = attempts.get(key(username));
        return a != null && a.lockedUntil != null && a.lockedUntil.isAfter(clock.instant()) ? a.lockedUntil : null;
    }

    /** Records a wrong password; returns true if this failure locked the username. */
    boolean failed(String username) {
        if (attempts.size() > MAX_TRACKED) {
            prune();
        }
        Attempts a = attempts.compute(key(username), (k, old) -> {
            Attempts next = old == null ? new Attempts() : old;
            next.failures++;
            next.justLocked = false;
            if (next.failures >= maxFailures) {
                Duration lock = lockout.multipliedBy(1L << Math.min(next.locks, 10));
                next.lockedUntil = clock.instant().plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
                next.locks++;
                next.failures = 0;
                next.justLocked = true;
            }
            return next;
        });
        return a.justLocked;
    }

    void succeeded(String username) {
        attempts.remove(key(username));
    }

    /** An administrator lifts a lock. */
    void unlock(String username) {
        attempts.remove(key(username));
    }

    private void prune() {
        Instant now = clock.instant();
        attempts.entrySet().removeIf(e -> e.getValue().lockedUntil == null || e.getValue().lockedUntil.isBefore(now));
    }

    private static String key(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static final class Attempts {
        int failures;
        int locks;
        Instant lockedUntil;
        boolean justLocked;
    }
}
