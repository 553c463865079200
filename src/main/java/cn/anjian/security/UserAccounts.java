package cn.anjian.security;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.impl.DSL;

import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import static cn.anjian.jooq.Sequences.SEQ_APP_USER;
import static cn.anjian.jooq.Tables.APP_USER;
import static cn.anjian.jooq.Tables.APP_USER_SCOPE;
import static cn.anjian.jooq.Tables.DIM_REGION;

/**
 * Users, their role and region scope in the warehouse ({@code app_user}, {@code app_user_scope}). Validates what
 * an administrator (or the first-admin command) asks for: a VILLAGE user's scope is villages, a LEADER's is towns
 * or counties, passwords have a minimum length; breaking a rule is an {@link InvalidAccountException}.
 */
@Repository
public class UserAccounts implements UserDetailsService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{2,40}");

    private final DSLContext dsl;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    private final Clock clock;

    UserAccounts(DSLContext dsl, PasswordEncoder passwords, LoginThrottle throttle, Clock clock) {
        this.clock = clock;
        this.dsl = dsl;
        this.passwords = passwords;
        this.throttle = throttle;
    }

    @Override
    public Account loadUserByUsername(String username) {
        return find(username)
                .orElseThrow(() -> new UsernameNotFoundException("no such user"));
    }

    public Optional<Account> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        Record r = dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username.strip())).fetchOne();
        return Optional.ofNullable(r).map(rec -> account(rec, scopes(List.of(rec.get(APP_USER.USER_ID)))));
    }

    public Optional<Account> find(long id) {
        Record r = dsl.selectFrom(APP_USER).where(APP_USER.USER_ID.eq(id)).fetchOne();
        return Optional.ofNullable(r).map(rec -> account(rec, scopes(List.of(id))));
    }

    public List<Listed> list() {
        var records = dsl.selectFrom(APP_USER).orderBy(APP_USER.ROLE, APP_USER.USERNAME).fetch();
        Map<Long, List<String>> scopes = scopes(records.getValues(APP_USER.USER_ID));
        return records.stream().map(r -> new Listed(account(r, scopes), r.get(APP_USER.IS_DEMO),
                r.get(APP_USER.CREATED_AT), r.get(APP_USER.CREATED_BY), throttle.lockedUntil(r.get(APP_USER.USERNAME))))
                .toList();
    }

    public boolean hasEnabledAdmin() {
        return dsl.fetchExists(APP_USER, APP_USER.ROLE.eq(Role.ADMIN.name()).and(APP_USER.ENABLED.isTrue()));
    }

    /** Creates a user; returns its id. */
    @Transactional
    public long create(String username, String displayName, String password, Role role, Collection<String> scope,
                       String createdBy, boolean demo) {
        String name = username == null ? "" : username.strip();
        if (!USERNAME.matcher(name).matches()) {
            throw new InvalidAccountException("username", "用户名应为 2 到 40 个字母、数字或 _ . @ - (username)");
        }
        if (find(name).isPresent()) {
            throw new InvalidAccountException("username", "用户名已存在: " + name);
        }
        PasswordPolicy.check(name, password);
        List<String> codes = checkScope(role, scope);
        LocalDateTime now = LocalDateTime.now(clock);
        long id = dsl.select(nextval(SEQ_APP_USER.getName())).fetchSingle().value1();
        dsl.insertInto(APP_USER)
                .set(APP_USER.USER_ID, id)
                .set(APP_USER.USERNAME, name)
                .set(APP_USER.DISPLAY_NAME, displayName == null || displayName.isBlank() ? name : displayName.strip())
                .set(APP_USER.PASSWORD_HASH, passwords.encode(password))
                .set(APP_USER.ROLE, role.name())
                .set(APP_USER.ENABLED, true)
                .set(APP_USER.IS_DEMO, demo)
                .set(APP_USER.CREATED_AT, now)
                .set(APP_USER.CREATED_BY, createdBy)
                .set(APP_USER.UPDATED_AT, now)
                .execute();
        writeScope(id, codes);
        return id;
    }

    /** Changes role, scope, display name and status. */
    @Transactional
    public void update(long id, String displayName, Role role, Collection<String> scope, boolean enabled) {
        List<String> codes = checkScope(role, scope);
        boolean wasAdmin = dsl.fetchExists(APP_USER, APP_USER.USER_ID.eq(id)
                .and(APP_USER.ROLE.eq(Role.ADMIN.name())).and(APP_USER.ENABLED.isTrue()));
        boolean staysAdmin = role == Role.ADMIN && enabled;
        if (wasAdmin && !staysAdmin && dsl.fetchCount(APP_USER, APP_USER.ROLE.eq(Role.ADMIN.name()).and(APP_USER.ENABLED.isTrue())
                .and(APP_USER.USER_ID.ne(id))) == 0) {
            throw new InvalidAccountException("role", "不能停用或降级最后一个管理员 (the last administrator)");
        }
        int n = dsl.update(APP_USER)
                .set(APP_USER.DISPLAY_NAME, displayName)
                .set(APP_USER.ROLE, role.name())
                .set(APP_USER.ENABLED, enabled)
                .set(APP_USER.UPDATED_AT, LocalDateTime.now(clock))
                .where(APP_USER.USER_ID.eq(id))
                .execute();
        if (n == 0) {
            throw new InvalidAccountException("id", "没有这个用户: " + id);
        }
        dsl.deleteFrom(APP_USER_SCOPE).where(APP_USER_SCOPE.USER_ID.eq(id)).execute();
        writeScope(id, codes);
    }

    public void setPassword(long id, String password) {
        PasswordPolicy.check(find(id).map(Account::getUsername).orElse(null), password);
        dsl.update(APP_USER)
                .set(APP_USER.PASSWORD_HASH, passwords.encode(password))
                .set(APP_USER.UPDATED_AT, LocalDateTime.now(clock))
                .where(APP_USER.USER_ID.eq(id))
                .execute();
    }

    /** Demo accounts have published passwords; outside the demo profile they must not sign in. */
    int disableDemoAccounts() {
        return dsl.update(APP_USER).set(APP_USER.ENABLED, false)
                .where(APP_USER.IS_DEMO.isTrue().and(APP_USER.ENABLED.isTrue())).execute();
    }

    int enable(String username) {
        return dsl.update(APP_USER).set(APP_USER.ENABLED, true).where(APP_USER.USERNAME.eq(username)).execute();
    }

    /** Regions an administrator may pick as a scope: villages for VILLAGE, towns and counties for LEADER. */
    public List<Region> assignableRegions() {
        return dsl.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME, DIM_REGION.REGION_LEVEL)
                .from(DIM_REGION)
                .orderBy(DIM_REGION.REGION_CODE)
                .fetch(r -> new Region(r.value1(), r.value2(), r.value3()));
    }

    private List<String> checkScope(Role role, Collection<String> scope) {
        Set<String> codes = scope == null ? Set.of() : scope.stream().filter(s -> s != null && !s.isBlank())
                .map(String::strip).collect(Collectors.toCollection(LinkedHashSet::new));
        if (role == Role.ADMIN) {
            return List.of(); // sees everything: a scope would only mislead
        }
        if (codes.isEmpty()) {
            throw new InvalidAccountException("scope", role == Role.VILLAGE
                    ? "村(社区)干部至少要有一个村(社区) (scope)" : "领导至少要有一个乡镇或县 (scope)");
        }
        Map<String, String> levels = dsl.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_LEVEL).from(DIM_REGION)
                .where(DIM_REGION.REGION_CODE.in(codes)).fetchMap(DIM_REGION.REGION_CODE, DIM_REGION.REGION_LEVEL);
        for (String code : codes) {
            String level = levels.get(code);
            if (level == null) {
                throw new InvalidAccountException("scope", "区划代码不存在: " + code);
            }
            boolean fits = role == Role.VILLAGE ? level.equals("village")
                    : level.equals("town") || level.equals("county");
            if (!fits) {
                throw new InvalidAccountException("scope", role == Role.VILLAGE
                        ? "村(社区)干部的范围只能是村(社区): " + code : "领导的范围只能是乡镇或县: " + code);
            }
        }
        return new ArrayList<>(codes);
    }

    /** jOOQ 3.19 renders DuckDB sequences as {@code seq.nextval}, which DuckDB does not know. */
    static Field<Long> nextval(String sequence) {
        return DSL.function("nextval", Long.class, DSL.inline(sequence));
    }

    private void writeScope(long id, List<String> codes) {
        for (String code : codes) {
            dsl.insertInto(APP_USER_SCOPE).set(APP_USER_SCOPE.USER_ID, id).set(APP_USER_SCOPE.REGION_CODE, code)
                    .execute();
        }
    }

    private Map<Long, List<String>> scopes(Collection<Long> ids) {
        return dsl.select(APP_USER_SCOPE.USER_ID, APP_USER_SCOPE.REGION_CODE).from(APP_USER_SCOPE)
                .where(APP_USER_SCOPE.USER_ID.in(ids))
                .orderBy(APP_USER_SCOPE.REGION_CODE)
                .fetchGroups(APP_USER_SCOPE.USER_ID, APP_USER_SCOPE.REGION_CODE);
    }

    private static Account account(Record r, Map<Long, List<String>> scopes) {
        long id = r.get(APP_USER.USER_ID);
        return new Account(id, r.get(APP_USER.USERNAME), r.get(APP_USER.DISPLAY_NAME), r.get(APP_USER.PASSWORD_HASH),
                Role.valueOf(r.get(APP_USER.ROLE)), scopes.getOrDefault(id, List.of()), r.get(APP_USER.ENABLED));
    }

    /** A user as the admin page lists them. */
    public record Listed(Account account, boolean demo, LocalDateTime createdAt, String createdBy,
                         java.time.Instant lockedUntil) {
    }

    public record Region(String code, String name, String level) {
    }
}
