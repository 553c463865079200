package cn.anjian.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without letting anyone lock a user out from elsewhere. Wrong passwords are counted
 * per username <em>and client address</em>: after {@code maxFailures} in a row that pair is refused, without the
 * password even being checked, for the lockout period, doubled for each further lock (at most a day), while the
 * same user signs in from their own office as usual. A client address that guesses across many usernames is
 * locked as a whole after {@code maxFailuresPerAddress}. Kept per username typed, whether or not such a user
 * exists, so a lock tells nobody which names are real. In memory: a restart forgets locks, which an attacker
 * cannot cause, and the audit table keeps the history.
 */
@Component
class LoginThrottle {

    private static final int MAX_TRACKED = 10_000;
    private static final Duration MAX_LOCK = Duration.ofDays(1);

    private final int maxFailures;
    private final int maxFailuresPerAddress;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();

    LoginThrottle(SecurityProperties properties, Clock clock) {
        this.maxFailures = properties.maxFailures();
        this.maxFailuresPerAddress = properties.maxFailuresPerAddress();
        this.lockout = properties.lockout();
        this.clock = clock;
    }

    boolean isLocked(String username, String address) {
        return lockedUntil(username, address) != null;
    }

    /** When the lock on this username from this address (or on the address itself) ends, or null if none. */
    Instant lockedUntil(String username, String address) {
        Instant pair = until(pairKey(username, address));
        Instant whole = until(addressKey(address));
        return pair == null ? whole : whole == null || pair.isAfter(whole) ? pair : whole;
    }

    /** The latest lock on {@code username} from any address, for the administrator's user page; null if none. */
    Instant lockedUntil(String username) {
        String prefix = userPrefix(username);
        Instant latest = null;
        for (String key : attempts.keySet()) {
            Instant until = key.startsWith(prefix) ? until(key) : null;
            if (until != null && (latest == null || until.isAfter(latest))) {
                latest = until;
            }
        }
        return latest;
    }

    /** Records a wrong password; returns true if this failure locked the username here, or the address. */
    boolean failed(String username, String address) {
        if (attempts.size() > MAX_TRACKED) {
            prune();
        }
        boolean pair = count(pairKey(username, address), maxFailures);
        boolean whole = count(addressKey(address), maxFailuresPerAddress);
        return pair || whole;
    }

    void succeeded(String username, String address) {
        attempts.remove(pairKey(username, address));
    }

    /** An administrator lifts every lock on a username. */
    void unlock(String username) {
        String prefix = userPrefix(username);
        attempts.keySet().removeIf(key -> key.startsWith(prefix));
    }

    private boolean count(String key, int limit) {
        Attempts a = attempts.compute(key, (k, old) -> {
            Attempts next = old == null ? new Attempts() : old;
            next.failures++;
            next.justLocked = false;
            if (next.failures >= limit) {
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

    private Instant until(String key) {
        Attempts a = attempts.get(key);
        return a != null && a.lockedUntil != null && a.lockedUntil.isAfter(clock.instant()) ? a.lockedUntil : null;
    }

    private void prune() {
        Instant now = clock.instant();
        attempts.entrySet().removeIf(e -> e.getValue().lockedUntil == null || e.getValue().lockedUntil.isBefore(now));
    }

    private static String userPrefix(String username) {
        return "user:" + (username == null ? "" : username.strip().toLowerCase(Locale.ROOT)) + "@";
    }

    private static String pairKey(String username, String address) {
        return userPrefix(username) + (address == null ? "" : address);
    }

    private static String addressKey(String address) {
        return "address:" + (address == null ? "" : address);
    }

    private static final class Attempts {
        int failures;
        int locks;
        Instant lockedUntil;
        boolean justLocked;
    }
}
