package cn.anjian.security;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.semantic.HazardFixture;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may reach which endpoint. The endpoints are not listed by hand: every request mapping Spring MVC knows is
 * walked, so an endpoint added later is covered the day it is written.
 */
@SpringBootTest
@AutoConfigureMockMvc
class SecurityEndpointsTest {

    /** The only mappings an anonymous visitor may reach; the setup page answers 404 without its printed token. */
    private static final Set<String> PUBLIC = Set.of("GET /login", "GET /setup", "POST /setup");
    private static final List<String> ADMIN_ONLY = List.of("/admin/", "/api/imports", "/api/lake");

    @TempDir
    static Path warehouse;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("security-endpoints-test.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointRefusesAnonymousVisitorsExceptTheLoginAndSetupPages() throws Exception {
        List<String> open = new ArrayList<>();
        Set<String> walked = endpoints();
        assertThat(walked).contains("GET /api/dashboards/{id}/panels/{panel}", "POST /api/imports", "GET /admin/users");
        for (String endpoint : walked) {
            if (PUBLIC.contains(endpoint)) {
                continue;
            }
            // with a CSRF token, so a POST is refused for want of a user, not of a token
            MvcResult result = mvc.perform(call(endpoint).with(csrf())).andReturn();
            int status = result.getResponse().getStatus();
            String location = result.getResponse().getRedirectedUrl();
            boolean refused = status == 401 || (status == 302 && location != null && location.endsWith("/login"));
            if (!refused) {
                open.add(endpoint + " → " + status + (location == null ? "" : " " + location));
            }
        }
        assertThat(open).as("endpoints open to anonymous visitors").isEmpty();
    }

    @Test
    void theLoginPageAndStaticAssetsAreOpen() throws Exception {
        mvc.perform(get("/login")).andExpect(status().isOk())
                .andExpect(content().string(containsString("用户名")))
                .andExpect(content().string(containsString("name=\"_csrf\"")))
                .andExpect(content().string(containsString("English")));
        mvc.perform(get("/login").param("lang", "en")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Sign in")));
        mvc.perform(get("/css/dashboard.css")).andExpect(status().isOk());
        mvc.perform(get("/js/dashboard.js")).andExpect(status().isOk());
        mvc.perform(get("/webjars/echarts/echarts.min.js")).andExpect(status().isOk());
        mvc.perform(get("/setup").param("token", "guess")).andExpect(status().isNotFound());
    }

    @Test
    void theApiAnswers401AndPagesRedirectToTheLogin() throws Exception {
        mvc.perform(get("/api/dashboards/hazard-trends/panels/villages"))
                .andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"));
        mvc.perform(get("/dashboards/hazard-trends"))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", containsString("/login")));
    }

    @Test
    void villageAndLeaderUsersCannotImportOrManageUsers() throws Exception {
        for (RequestPostProcessor user : List.of(TestLogins.village(HazardFixture.XIHE),
                TestLogins.leader(HazardFixture.TOWN))) {
            List<String> reached = new ArrayList<>();
            for (String endpoint : endpoints()) {
                if (ADMIN_ONLY.stream().noneMatch(prefix -> path(endpoint).startsWith(prefix))) {
                    continue;
                }
                int status = mvc.perform(call(endpoint).with(user).with(csrf())).andReturn().getResponse().getStatus();
                if (status != 403) {
                    reached.add(endpoint + " → " + status);
                }
            }
            assertThat(reached).isEmpty();
        }
        mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", "x.csv", "text/csv", "a".getBytes()))
                        .param("kind", "hazards").with(TestLogins.village(HazardFixture.XIHE)).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/users").param("username", "intruder").param("password", "intruder-password")
                        .param("role", "ADMIN").with(TestLogins.leader(HazardFixture.TOWN)).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedEvenForAnAdministrator() throws Exception {
        mvc.perform(multipart("/api/imports").param("kind", "hazards").with(TestLogins.admin()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/admin/users").param("username", "nocsrf").param("password", "nocsrf-password")
                        .param("role", "ADMIN").with(TestLogins.admin()))
                .andExpect(status().isForbidden());
        // the same import with a token reaches the controller, which finds the file missing
        mvc.perform(multipart("/api/imports").param("kind", "hazards").with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isBadRequest());
    }

    @Test
    void pagesCarrySecurityHeadersThatStillLetEChartsRun() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"));
    }

    /** Every mapping as "METHOD /pattern"; a mapping for any method is tried with GET. */
    private Set<String> endpoints() {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add("GET " + pattern);
                }
                methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
            }
        }
        return endpoints;
    }

    private static String path(String endpoint) {
        return endpoint.substring(endpoint.indexOf(' ') + 1);
    }

    private static MockHttpServletRequestBuilder call(String endpoint) {
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String url = path(endpoint).replaceAll("\\{\\*?[^}]+}", "1");
        return request(HttpMethod.valueOf(method), url);
    }
}
