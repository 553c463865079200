package cn.anjian.security;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * A signed-in user as the session holds them: role and region scope travel with the principal so the row scope
 * needs no lookup per query. Equal by username, so the session registry finds every session of a user whose
 * role, scope or status an administrator changes, and expires them.
 */
public final class Account implements UserDetails, CredentialsContainer {

    private final long id;
    private final String username;
    private final String displayName;
    private String passwordHash;
    private final Role role;
    private final List<String> scope;
    private final boolean enabled;

    Account(long id, String username, String displayName, String passwordHash, Role role, List<String> scope,
            boolean enabled) {
        this.id = id;
        this.username = Objects.requireNonNull(username);
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.role = Objects.requireNonNull(role);
        this.scope = List.copyOf(scope);
        this.enabled = enabled;
    }

    public long id() {
        return id;
    }

    public String displayName() {
        return displayName;
    }

    public Role role() {
        return role;
    }

    /** Region codes: villages for a VILLAGE user, towns or counties for a LEADER; empty for an ADMIN. */
    public List<String> scope() {
        return scope;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(role.authority());
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return username;
    }

    @Override
    public boolean isAccountNonLocked() {
        return true; // locks are per username and client address, checked before the password (LoginThrottle)
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Account other && other.username.equals(username);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }

    @Override
    public String toString() {
        return username + " (" + role + " " + scope + ")";
    }
}
