package cn.anjian.shell;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.dashboard.DashboardDirectory;
import cn.anjian.security.Role;
import cn.anjian.security.TestLogins;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One page shell for every signed-in page: the same header, with the menu the user's role may open in the menu
 * file's order, the page shown marked, the language and theme switches and the account corner, and no inline
 * script anywhere (the CSP refuses it).
 */
@SpringBootTest
@AutoConfigureMockMvc
class AppShellTest {

    /** Every signed-in page an administrator can open, each of another feature. */
    private static final List<String> PAGES = List.of("/dashboards/overview", "/dashboards/hazard-trends",
            "/dashboards/campaign", "/assessment/2024", "/reports", "/imports", "/admin/users", "/admin/audit", "/admin/exports");

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("shell-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    DashboardDirectory dashboards;

    @Test
    void everyPageHasTheOneHeaderWithTheMenuInTheFilesOrderAndItsPageMarked() throws Exception {
        List<String> adminMenu = null;
        for (String page : PAGES) {
            Document html = page(page, Role.ADMIN, "zh");
            assertThat(html.select("header.app-header")).as(page).hasSize(1);
            assertThat(html.select("#theme-toggle")).as(page).hasSize(1);
            assertThat(html.select("#lang-switch").text()).as(page).isEqualTo("English");
            assertThat(html.select("#logout")).as(page).hasSize(1);
            List<String> menu = html.select(".app-menu__link").eachText();
            if (adminMenu == null) {
                adminMenu = menu;
            }
            assertThat(menu).as("the menu of " + page).isEqualTo(adminMenu);
            Element current = html.selectFirst(".app-menu__link[aria-current=page]");
            assertThat(current).as("the marked entry of " + page).isNotNull();
            assertThat(page).startsWith(current.attr("href"));
            assertThat(html.select("script:not([src])")).as("inline scripts on " + page).isEmpty();
            assertThat(html.select("[onclick], [onsubmit], [onchange], [onload]")).as(page).isEmpty();
        }
        // dashboards/navigation/menu.yaml: the overview first, the dashboards, then the other pages
        assertThat(adminMenu).startsWith("安全生产总览", "隐患趋势")
                .containsSubsequence("数据质量", "年度考核", "统计报表", "导入台账", "导出记录", "用户管理", "审计日志");
    }

    @Test
    void aVillageCadreAndALeaderAreShownOnlyWhatTheirRoleMayOpen() throws Exception {
        for (Role role : List.of(Role.VILLAGE, Role.LEADER)) {
            List<String> menu = page("/dashboards/overview", role, "zh").select(".app-menu__link").eachText();
            assertThat(menu).as(role.name()).contains("安全生产总览", "年度考核", "统计报表")
                    .doesNotContain("导入台账", "导出记录", "用户管理", "审计日志");
        }
        Document admin = page("/assessment/2024", Role.ADMIN, "zh");
        assertThat(admin.select(".app-menu__link").eachText()).contains("导入台账", "用户管理");
    }

    @Test
    void theHeaderFollowsTheLanguageAndItsSwitchLeadsBackToTheSamePage() throws Exception {
        Document english = page("/reports", Role.ADMIN, "en");
        assertThat(english.select("html").attr("lang")).isEqualTo("en");
        assertThat(english.select(".app-menu__link").eachText()).contains("Assessment", "Reports", "Users");
        assertThat(english.select(".app-menu__link").eachAttr("href")).allMatch(href -> href.endsWith("lang=en"));
        assertThat(english.select("#lang-switch").text()).isEqualTo("中文");
        assertThat(english.select("#lang-switch").attr("href")).isEqualTo("/reports");
        assertThat(english.select("#logout").text()).isEqualTo("Sign out");
    }

    @Test
    void aMenuFileNamingAnUnknownDashboardOrPageStopsTheStartWithItsLine() {
        assertThatThrownBy(() -> Menu.read(yaml("- dashboard: overview\n- dashboard: hazard-trend\n"), dashboards))
                .hasMessageContaining("menu.yaml:2").hasMessageContaining("hazard-trend")
                .hasMessageContaining("hazard-trends");
        assertThatThrownBy(() -> Menu.read(yaml("- page: assessment\n- page: report\n"), dashboards))
                .hasMessageContaining("menu.yaml:2").hasMessageContaining("reports");
        assertThatThrownBy(() -> Menu.read(yaml("- page: reports\n- page: reports\n"), dashboards))
                .hasMessageContaining("menu.yaml:2").hasMessageContaining("twice");
    }

    @Test
    void dashboardsTheFileDoesNotNameFollowTheNamedOnes() {
        List<Menu.Item> items = Menu.read(yaml("- page: reports\n- dashboard: villages\n"), dashboards);
        assertThat(items.get(0).href()).isEqualTo("/reports");
        assertThat(items.get(1).href()).isEqualTo("/dashboards/villages");
        assertThat(items).extracting(Menu.Item::href).contains("/dashboards/overview")
                .hasSize(2 + dashboards.navigable().size() - 1);
    }

    private Document page(String path, Role role, String lang) throws Exception {
        String body = mvc.perform(get(path).param("lang", lang).with(authentication(TestLogins.token(role,
                        role == Role.VILLAGE ? new String[] {"341525106201"} : role == Role.LEADER
                                ? new String[] {"341525106"} : new String[0]))))
                .andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        return Jsoup.parse(body);
    }

    private static ByteArrayResource yaml(String text) {
        return new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "menu.yaml";
            }
        };
    }
}
