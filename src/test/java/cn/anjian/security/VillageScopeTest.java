package cn.anjian.security;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;

import com.jayway.jsonpath.JsonPath;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.semantic.Filters;
import cn.anjian.semantic.HazardFixture;
import cn.anjian.semantic.MetricQuery;
import cn.anjian.semantic.MetricQueryService;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static cn.anjian.semantic.HazardFixture.DONGSHAN;
import static cn.anjian.semantic.HazardFixture.NANLING;
import static cn.anjian.semantic.HazardFixture.TOWN;
import static cn.anjian.semantic.HazardFixture.XIHE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A village cadre sees their village and nothing else, from every panel of every dashboard, the village lists and
 * the pages; naming another village gets 403. A leader sees their town; an anonymous caller of the query builder
 * gets nothing.
 */
@SpringBootTest
@AutoConfigureMockMvc
class VillageScopeTest {

    private static final YearMonth ANCHOR = YearMonth.of(2024, 12);
    private static final String FROM = "2024-01";
    private static final String TO = "2024-12";

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("village-scope-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    MetricQueryService queries;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeAll
    static void fill(@Autowired JdbcTemplate jdbc, @Autowired MartRefresher marts) {
        HazardFixture.insert(jdbc, ANCHOR);
        marts.refresh();
    }

    @Test
    void everyPanelOfEveryDashboardGivesAVillageUserExactlyWhatAnAdminSeesForThatVillage() throws Exception {
        // drill-target pages (village, enterprise) need their subject in the URL, so the unfiltered admin view is not
        // a question they answer; their scoping is covered by the 403 test below
        List<String> panelUrls = panelUrls(false);
        assertThat(panelUrls).isNotEmpty();
        int narrowed = 0;
        for (String url : panelUrls) {
            String asVillage = body(url, TestLogins.village(XIHE), null);
            String asAdminForXihe = body(url, TestLogins.admin(), XIHE);
            String asAdmin = body(url, TestLogins.admin(), null);
            assertThat(rows(asVillage)).as(url).isEqualTo(rows(asAdminForXihe));
            if (!rows(asVillage).equals(rows(asAdmin))) {
                narrowed++;
            }
        }
        // the fixture holds hazards only, so inspection and enforcement panels are empty for everyone; the hazard
        // panels must have been narrowed (at least the ones the fixture makes differ)
        assertThat(narrowed).as("panels whose rows the village scope narrowed").isGreaterThanOrEqualTo(10);
        String ranking = body("/api/dashboards/hazard-trends/panels/villages", TestLogins.village(XIHE), null);
        assertThat(JsonPath.<List<String>>read(ranking, "$.rows[*][0]")).containsExactly(XIHE);
        assertThat(JsonPath.<List<Integer>>read(ranking, "$.rows[*][1]")).containsExactly(
                count(XIHE).intValue());
    }

    @Test
    void askingForAnotherVillageIsRefusedWith403() throws Exception {
        for (String url : panelUrls(true)) {
            mvc.perform(get(url).param("village", DONGSHAN).with(TestLogins.village(XIHE)))
                    .andExpect(status().isForbidden());
            mvc.perform(get(url).param("village", XIHE + "," + DONGSHAN).with(TestLogins.village(XIHE)))
                    .andExpect(status().isForbidden());
        }
        mvc.perform(get("/dashboards/hazard-trends").param("village", DONGSHAN).with(TestLogins.village(XIHE)))
                .andExpect(status().isForbidden());
        mvc.perform(get("/api/dashboards/hazard-trends/panels/villages").param("village", XIHE)
                        .with(TestLogins.village(XIHE)))
                .andExpect(status().isOk());
    }

    @Test
    void villageListsAndThePageOfferOnlyTheUsersVillage() throws Exception {
        mvc.perform(get("/api/catalog/dimensions/village/members").with(TestLogins.village(XIHE)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[*].code").value(org.hamcrest.Matchers.contains(XIHE)));
        // the page's village select is filled from the members endpoint above; the page itself names no village
        mvc.perform(get("/dashboards/hazard-trends").with(TestLogins.village(XIHE)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("东山村"))))
                .andExpect(content().string(containsString("name=\"_csrf\"")));
    }

    @Test
    void aLeaderSeesTheVillagesOfTheirTownAndALeaderOfAnotherTownNothing() throws Exception {
        String town = body("/api/dashboards/hazard-trends/panels/villages", TestLogins.leader(TOWN), null);
        assertThat(JsonPath.<List<String>>read(town, "$.rows[*][0]")).containsExactlyInAnyOrder(DONGSHAN, XIHE,
                NANLING);
        String county = body("/api/dashboards/hazard-trends/panels/villages",
                TestLogins.leader(HazardFixture.COUNTY), null);
        assertThat(JsonPath.<List<String>>read(county, "$.rows")).hasSize(3);
        String elsewhere = body("/api/dashboards/hazard-trends/panels/villages", TestLogins.leader("341525999"),
                null);
        assertThat(JsonPath.<List<Object>>read(elsewhere, "$.rows")).isEmpty();
    }

    @Test
    void withoutASignedInUserTheQueryBuilderReturnsNothing() {
        SecurityContextHolder.clearContext();
        Filters all = new Filters(ANCHOR.minusMonths(11), ANCHOR, List.of(), List.of());
        var result = queries.run(new MetricQuery(List.of("hazards_found"), List.of("village"), all, List.of(), null));
        assertThat(result.rows()).isEmpty();
    }

    private List<String> panelUrls(boolean withDrillTargets) throws Exception {
        String list = mvc.perform(get("/api/dashboards").with(TestLogins.admin())).andReturn().getResponse()
                .getContentAsString();
        List<String> urls = new java.util.ArrayList<>();
        for (String id : JsonPath.<List<String>>read(list, "$[*].id")) {
            String definition = mvc.perform(get("/api/dashboards/" + id).with(TestLogins.admin())).andReturn()
                    .getResponse().getContentAsString();
            if (withDrillTargets || JsonPath.<List<String>>read(definition, "$.requiredFilters").isEmpty()) {
                urls.addAll(JsonPath.<List<String>>read(definition, "$.panels[*].data"));
            }
        }
        return urls;
    }

    private String body(String url, RequestPostProcessor user, String village) throws Exception {
        var request = get(url).param("from", FROM).param("to", TO).with(user);
        if (village != null) {
            request = request.param("village", village);
        }
        return mvc.perform(request).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private static Object rows(String body) {
        return JsonPath.read(body, "$.rows");
    }

    private Long count(String village) {
        return jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE region_code = ? AND found_date BETWEEN "
                + "DATE '2024-01-01' AND DATE '2024-12-31'", Long.class, village);
    }
}
