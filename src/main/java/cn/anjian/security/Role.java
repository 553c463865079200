package cn.anjian.security;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a user may do. ADMIN: users, imports, everything, all regions. LEADER: all data of their town or county,
 * exports. VILLAGE: their own village(s) only.
 */
public enum Role {

    ADMIN("管理员", "Administrator"),
    LEADER("乡镇/县领导", "Leader"),
    VILLAGE("村(社区)干部", "Village cadre");

    private final String zh;
    private final String en;

    Role(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** The authority Spring Security checks with {@code hasRole(name())}. */
    public SimpleGrantedAuthority authority() {
        return new SimpleGrantedAuthority("ROLE_" + name());
    }

    static Optional<Role> of(String name) {
        return Arrays.stream(values()).filter(r -> r.name().equalsIgnoreCase(name == null ? "" : name.strip()))
                .findFirst();
    }
}
