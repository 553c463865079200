package cn.anjian.security;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.semantic.HazardFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import org.jooq.DSLContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** Signing in against accounts in the warehouse: hashing, lockout, the audit trail, user administration, demo users. */
@SpringBootTest
@AutoConfigureMockMvc
class LoginAndAuditTest {

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("login-audit-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    UserAccounts accounts;

    @Autowired
    AuditLog audit;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void regions(@Autowired JdbcTemplate jdbc) {
        HazardFixture.insert(jdbc, java.time.YearMonth.of(2024, 12));
    }

    @Test
    void passwordsAreStoredAsBcryptHashesAndTheRightOneSignsIn() throws Exception {
        accounts.create("cadre-xihe", "西河村干部", "xihe-password", Role.VILLAGE, List.of(HazardFixture.XIHE), "test",
                false);

        String hash = jdbc.queryForObject("SELECT password_hash FROM app_user WHERE username = 'cadre-xihe'",
                String.class);
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("xihe-password");
        mvc.perform(formLogin().user("cadre-xihe").password("xihe-password"))
                .andExpect(authenticated().withUsername("cadre-xihe").withRoles("VILLAGE"))
                .andExpect(redirectedUrl("/"));
        assertThat(events("cadre-xihe", "LOGIN", AuditLog.SUCCESS)).hasSize(1);
    }

    @Test
    void repeatedWrongPasswordsLockTheAccountAndTheAuditShowsThem() throws Exception {
        accounts.create("leader-lock", "镇领导", "leader-password", Role.LEADER, List.of(HazardFixture.TOWN), "test",
                false);

        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin().user("leader-lock").password("wrong-" + i))
                    .andExpect(unauthenticated())
                    .andExpect(redirectedUrl("/login?error=bad"));
        }
        // locked: even the right password is refused, without being checked
        mvc.perform(formLogin().user("leader-lock").password("leader-password"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error=locked"));
        mvc.perform(get("/login").param("error", "locked"))
                .andExpect(content().string(containsString("账号已临时锁定")));

        List<AuditLog.Event> failures = events("leader-lock", "LOGIN", AuditLog.FAILURE);
        assertThat(failures).hasSize(6);
        assertThat(failures.get(0).detail()).isEqualTo("账号已临时锁定");
        assertThat(failures.get(5).detail()).isEqualTo("用户名或密码错误");
        assertThat(events("leader-lock", "LOGIN_LOCKED", AuditLog.FAILURE)).hasSize(1);
        assertThat(failures.get(0).remoteAddr()).isNotBlank();
    }

    @Test
    void unknownUsernamesAreLockedToo() throws Exception {
        for (int i = 0; i < 5; i++) {
            mvc.perform(formLogin().user("nobody").password("x")).andExpect(redirectedUrl("/login?error=bad"));
        }
        mvc.perform(formLogin().user("nobody").password("x")).andExpect(redirectedUrl("/login?error=locked"));
    }

    @Test
    void aDisabledUserCannotSignInAndAWrongPasswordCannotTellADisabledAccountFromAnUnknownOne() throws Exception {
        long id = accounts.create("gone", "离职干部", "gone-password", Role.VILLAGE, List.of(HazardFixture.DONGSHAN),
                "test", false);
        accounts.update(id, "离职干部", Role.VILLAGE, List.of(HazardFixture.DONGSHAN), false);
        mvc.perform(formLogin().user("gone").password("gone-password"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error=disabled"));
        mvc.perform(formLogin().user("gone").password("guessing-wrong"))
                .andExpect(unauthenticated())
                .andExpect(redirectedUrl("/login?error=bad"));
        mvc.perform(formLogin().user("never-existed").password("guessing-wrong"))
                .andExpect(redirectedUrl("/login?error=bad"));
    }

    @Test
    void wrongPasswordsFromElsewhereCannotLockAUserOutOfTheirOwnOffice() throws Exception {
        accounts.create("office-admin", "安监所", "office-admin-pass", Role.LEADER, List.of(HazardFixture.TOWN), "test",
                false);
        for (int i = 0; i < 5; i++) {
            mvc.perform(login("office-admin", "wrong-" + i, "127.0.0.66"))
                    .andExpect(redirectedUrl("/login?error=bad"));
        }
        mvc.perform(login("office-admin", "office-admin-pass", "127.0.0.66"))
                .andExpect(redirectedUrl("/login?error=locked"));
        // the office's own address is not locked
        mvc.perform(login("office-admin", "office-admin-pass", "127.0.0.7"))
                .andExpect(authenticated().withUsername("office-admin"));
    }

    @Test
    void anAddressGuessingAcrossManyUsernamesIsLockedAsAWhole() throws Exception {
        accounts.create("spread-target", "镇领导", "spread-target-pass", Role.LEADER, List.of(HazardFixture.TOWN),
                "test", false);
        for (int i = 0; i < 30; i++) {
            mvc.perform(login("guess-" + i, "x", "127.0.0.99"))
                    .andExpect(redirectedUrl("/login?error=bad"));
        }
        mvc.perform(login("spread-target", "spread-target-pass", "127.0.0.99"))
                .andExpect(redirectedUrl("/login?error=locked"));
        mvc.perform(login("spread-target", "spread-target-pass", "127.0.0.98"))
                .andExpect(authenticated());
    }

    @Test
    void weakPasswordsAreRefusedWithWhatToChange() {
        for (String weak : List.of("password", "12345678", "Woaini1314", "qwerty123")) {
            assertThatThrownBy(() -> accounts.create("weak-admin", "管理员", weak, Role.ADMIN, List.of(), "test", false))
                    .as(weak).isInstanceOf(InvalidAccountException.class).hasMessageContaining("常见的弱密码");
        }
        assertThatThrownBy(() -> accounts.create("weak-admin", "管理员", "short1", Role.ADMIN, List.of(), "test",
                false)).hasMessageContaining("至少 8 个字符");
        assertThatThrownBy(() -> accounts.create("zhangsan", "张三", "Zhangsan2026!", Role.ADMIN, List.of(), "test",
                false)).hasMessageContaining("不能是用户名");
        long id = accounts.create("strong-leader", "镇领导", "竹林-茶园-2026", Role.LEADER, List.of(HazardFixture.TOWN), "test",
                false);
        assertThatThrownBy(() -> accounts.setPassword(id, "admin123")).hasMessageContaining("常见的弱密码");
    }

    /** The sign-in form posted from another client address (all on loopback: nothing leaves this machine). */
    private static MockHttpServletRequestBuilder login(String username, String password, String address) {
        return post("/login").param("username", username).param("password", password).with(csrf())
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    @Test
    void anAdministratorCreatesAndChangesUsersThroughTheFormsAndTheAuditRecordsIt() throws Exception {
        mvc.perform(post("/admin/users").param("username", "cadre-nanling").param("displayName", "南岭社区干部")
                        .param("password", "nanling-password").param("role", "VILLAGE")
                        .param("scope", HazardFixture.NANLING).with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isFound())
                .andExpect(redirectedUrl("/admin/users"));
        Account created = accounts.find("cadre-nanling").orElseThrow();
        assertThat(created.scope()).containsExactly(HazardFixture.NANLING);

        mvc.perform(post("/admin/users/" + created.id()).param("role", "VILLAGE")
                        .param("scope", HazardFixture.NANLING).with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isFound());
        assertThat(accounts.find("cadre-nanling").orElseThrow().isEnabled()).isFalse();

        // a village user's scope must be villages
        mvc.perform(post("/admin/users").param("username", "cadre-bad").param("password", "bad-password-1")
                        .param("role", "VILLAGE").param("scope", HazardFixture.TOWN)
                        .with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("村(社区)干部的范围只能是村(社区)")));
        assertThat(accounts.find("cadre-bad")).isEmpty();

        assertThat(audit.search(new AuditLog.Query(null, "USER_CREATE", AuditLog.SUCCESS, null, null)))
                .anySatisfy(e -> assertThat(e.target()).isEqualTo("cadre-nanling"));
        assertThat(audit.search(new AuditLog.Query(null, "USER_DISABLE", null, null, null)))
                .anySatisfy(e -> assertThat(e.target()).isEqualTo("cadre-nanling"));
        mvc.perform(get("/admin/audit").param("action", "USER_CREATE").with(TestLogins.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("cadre-nanling")));
        mvc.perform(get("/admin/users").with(TestLogins.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("南岭社区干部")));
    }

    @Test
    void theLastAdministratorCannotBeDisabled() {
        long id = accounts.find("only-admin").map(Account::id).orElseGet(() -> accounts.create("only-admin", "管理员",
                "admin-password", Role.ADMIN, List.of(), "test", false));
        assertThat(accounts.hasEnabledAdmin()).isTrue();
        assertThatThrownBy(() -> accounts.update(id, "管理员", Role.ADMIN, List.of(), false))
                .isInstanceOf(InvalidAccountException.class);
    }

    @Test
    void importsAreAuditedWithWhoAndWhat() throws Exception {
        mvc.perform(org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart("/api/imports")
                        .param("kind", "no-such-kind").with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isBadRequest());
        assertThat(audit.search(new AuditLog.Query("test-admin", "IMPORT", AuditLog.FAILURE, null, null)))
                .anySatisfy(e -> assertThat(e.detail()).contains("HTTP 400").contains("kind=no-such-kind"));
    }

    @Test
    void demoAccountsAreCreatedFromTheDemoVillagesOnlyInTheDemoProfileAndDisabledOutsideIt(
            @Autowired DSLContext dsl) {
        jdbc.update("UPDATE dim_region SET is_demo = TRUE");
        try {
            DemoAccounts demo = new DemoAccounts(new MockEnvironment().withProperty("anjian.demo.enabled", "true"),
                    accounts, dsl, audit);
            demo.ready();
            assertThat(demo.shown()).extracting(DemoAccounts.Shown::username)
                    .containsExactly("admin", "leader", "village1", "village2");
            assertThat(accounts.find("village1").orElseThrow().scope()).containsExactly(HazardFixture.DONGSHAN);
            assertThat(accounts.find("village2").orElseThrow().scope()).containsExactly(HazardFixture.XIHE);
            assertThat(accounts.find("leader").orElseThrow().scope()).containsExactly(HazardFixture.TOWN);

            new DemoAccounts(new MockEnvironment(), accounts, dsl, audit).ready();
            assertThat(accounts.find("admin").orElseThrow().isEnabled()).isFalse();
            assertThat(accounts.find("village1").orElseThrow().isEnabled()).isFalse();
        } finally {
            jdbc.update("UPDATE dim_region SET is_demo = FALSE");
        }
    }

    @Test
    void outsideTheDemoProfileTheLoginPageShowsNoDemoAccounts() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.not(containsString("演示账号"))));
    }

    private List<AuditLog.Event> events(String actor, String action, String outcome) {
        return audit.search(new AuditLog.Query(actor, action, outcome, null, null)).stream()
                .filter(e -> actor.equals(e.actor())).toList();
    }
}
