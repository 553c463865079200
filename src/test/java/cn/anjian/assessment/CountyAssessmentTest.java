package cn.anjian.assessment;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.jayway.jsonpath.JsonPath;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.anjian.assessment.Assessment.ItemScore;
import cn.anjian.assessment.Assessment.UnitScore;
import cn.anjian.assessment.Scheme.UnitKind;
import cn.anjian.security.Role;
import cn.anjian.security.TestLogins;
import cn.anjian.semantic.Filters;
import cn.anjian.semantic.MetricQuery;
import cn.anjian.semantic.MetricQueryService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The county's assessment of its towns (县对乡镇考核, issue #17) on a demo county of three towns at a small scale,
 * through the real import: towns scored with {@code county-2024.yaml} and ranked among the county's towns, a town
 * leader who sees their own row with its true rank and the county averages, a county leader who sees what the
 * administrator sees, the API and the workbook for {@code unit=town}, and a town leader's catalogue numbers equal to
 * the administrator's filtered to the town.
 */
@SpringBootTest
@AutoConfigureMockMvc
class CountyAssessmentTest {

    static final String COUNTY = "341525000000";
    static final String FIRST_TOWN = "341525106000";
    static final List<String> TOWNS = List.of(FIRST_TOWN, "341525101000", "341525102000");
    static final int YEAR = 2024;
    static final Path FOLDER = folder();

    private static final Authentication ADMIN = TestLogins.token(Role.ADMIN);
    private static final Authentication COUNTY_LEADER = TestLogins.token(Role.LEADER, COUNTY);

    @DynamicPropertySource
    static void county(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> FOLDER.resolve("county.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
        registry.add("anjian.demo.enabled", () -> "true");
        registry.add("anjian.demo.scale", () -> "0.05");
        registry.add("anjian.demo.towns", () -> String.valueOf(TOWNS.size()));
        registry.add("anjian.demo.folder", () -> FOLDER.resolve("ledgers").toString());
        registry.add("anjian.etl.work-dir", () -> FOLDER.resolve("work").toString());
    }

    @Autowired
    AssessmentService service;

    @Autowired
    MetricQueryService queries;

    @Autowired
    MockMvc mvc;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void townsAreScoredWithTotalsEqualToTheSumOfTheirItemsAndRankedAmongTheCountysTowns() {
        Assessment a = as(ADMIN, this::towns);

        assertThat(a.unit()).isEqualTo("town");
        assertThat(a.title()).contains("霍山县").contains(String.valueOf(YEAR));
        assertThat(a.units()).extracting(UnitScore::code).containsExactlyInAnyOrderElementsOf(TOWNS);
        assertThat(a.ranked()).isEqualTo(TOWNS.size());
        assertThat(a.items()).hasSize(8);
        for (UnitScore u : a.units()) {
            assertThat(u.total()).as(u.name()).isEqualByComparingTo(sum(u.items()));
            assertThat(u.bonus()).as(u.name()).isEqualByComparingTo(sum(u.bonusItems()));
            assertThat(u.score()).as(u.name()).isEqualByComparingTo(u.total().add(u.bonus()));
            assertThat(u.total()).as(u.name()).isLessThanOrEqualTo(new BigDecimal("100"));
            // the rank is one more than the number of towns placed strictly before
            long better = a.units().stream().filter(o -> !o.vetoed() && u.vetoed()
                    || o.vetoed() == u.vetoed() && o.score().compareTo(u.score()) > 0).count();
            assertThat(u.rank()).as(u.name()).isEqualTo(better + 1);
        }
        assertThat(a.units().get(0).rank()).isEqualTo(1);
        // the towns differ in diligence (DemoCounty): not all alike
        assertThat(a.units().stream().map(UnitScore::score).distinct()).hasSizeGreaterThan(1);
        BigDecimal mean = a.units().stream().map(UnitScore::score).reduce(BigDecimal.ZERO, BigDecimal::add)
                .divide(BigDecimal.valueOf(TOWNS.size()), 2, java.math.RoundingMode.HALF_UP);
        assertThat(a.averageScore()).isEqualByComparingTo(mean);
        assertThat(a.averageName()).isEqualTo("全县平均");
    }

    @Test
    void anItemsValueIsTheCatalogueMetricOfTheTown() {
        Assessment a = as(ADMIN, this::towns);
        int overdue = a.items().stream().map(Assessment.Column::id).toList().indexOf("overdue_hazards");
        Filters year = new Filters(YearMonth.of(YEAR, 1), YearMonth.of(YEAR, 12), List.of(), List.of(), Map.of(),
                a.asOf());
        for (UnitScore u : a.units()) {
            MetricQuery query = new MetricQuery(List.of("hazards_overdue"), List.of(),
                    year.and(Map.of("town", List.of(u.code()))), null, null);
            Object direct = as(ADMIN, () -> queries.run(query).rows().get(0).get(0));
            ItemScore item = u.items().get(overdue);
            assertThat(((Number) item.value()).longValue()).as(u.name())
                    .isEqualTo(direct == null ? 0L : ((Number) direct).longValue());
            assertThat(item.link()).contains("town=" + u.code());
        }
    }

    @Test
    void aTownLeaderSeesTheirOwnRowWithItsTrueRankAmongAllTownsAndTheCountyAverage() {
        Assessment admin = as(ADMIN, this::towns);
        UnitScore last = admin.units().get(admin.units().size() - 1);
        Authentication leader = TestLogins.token(Role.LEADER, last.code());

        Assessment seen = as(leader, this::towns);

        assertThat(seen.units()).singleElement().usingRecursiveComparison().isEqualTo(last);
        assertThat(seen.units().get(0).rank()).isGreaterThan(1);
        assertThat(seen.ranked()).isEqualTo(TOWNS.size());
        assertThat(seen.averageScore()).isEqualByComparingTo(admin.averageScore());
        assertThat(seen.average()).isEqualTo(admin.average());
        assertThat(seen.grades()).isEqualTo(admin.grades());
    }

    @Test
    void aCountyLeaderSeesEveryTownAsTheAdministratorDoes() {
        assertThat(as(COUNTY_LEADER, this::towns)).usingRecursiveComparison().isEqualTo(as(ADMIN, this::towns));
    }

    @Test
    void aYearWithoutItsOwnCountySchemeAdoptsTheLatestEarlierOne() {
        Scheme adopted = service.scheme(2025, UnitKind.TOWN).orElseThrow();
        assertThat(adopted.adoptedFrom()).isEqualTo(2024);
        assertThat(adopted.title()).contains("2025");
        assertThat(service.scheme(2023, UnitKind.TOWN)).isEmpty();
        assertThat(service.years(UnitKind.TOWN)).startsWith(2024).contains(2026);
        // the town's own schemes are untouched by the county's
        assertThat(service.scheme(2023).orElseThrow().county()).isFalse();
    }

    @Test
    void theApiAnswersUnitTownForTheCountyAndTheTownLeader() throws Exception {
        mvc.perform(get("/api/assessment/{y}", YEAR).param("unit", "town").with(TestLogins.leader(COUNTY)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unit").value("town"))
                .andExpect(jsonPath("$.units.length()").value(TOWNS.size()))
                .andExpect(jsonPath("$.ranked").value(TOWNS.size()));
        String body = mvc.perform(get("/api/assessment/{y}", YEAR).param("unit", "town")
                        .with(TestLogins.leader(FIRST_TOWN)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.units.length()").value(1))
                .andExpect(jsonPath("$.units[0].code").value(FIRST_TOWN))
                .andExpect(jsonPath("$.ranked").value(TOWNS.size()))
                .andReturn().getResponse().getContentAsString();
        List<Object> items = JsonPath.read(body, "$.units[0].items");
        assertThat(items).hasSize(8);
        // a village cadre has no town: neither the county's ranking nor the 乡镇 switch is theirs
        String village = jdbc.queryForObject("SELECT min(region_code) FROM dim_region WHERE region_level = 'village' "
                + "AND town_code = ?", String.class, FIRST_TOWN);
        mvc.perform(get("/api/assessment/{y}", YEAR).param("unit", "town").with(TestLogins.village(village)))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.detail", containsString("乡镇考核只对乡镇及以上的账号开放")));
        mvc.perform(get("/assessment/{y}", YEAR).param("unit", "village").with(TestLogins.village(village)))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("unit=town"))));
        mvc.perform(get("/assessment/{y}", YEAR).param("unit", "village").with(TestLogins.leader(FIRST_TOWN)))
                .andExpect(content().string(containsString("unit=town")));
        mvc.perform(get("/api/assessment/{y}", 2023).param("unit", "town").with(TestLogins.admin()))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail", containsString("县对乡镇")));
        mvc.perform(get("/api/assessment/{y}", YEAR).param("unit", "county").with(TestLogins.admin()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("unit"));
    }

    @Test
    void theWorkbookForUnitTownListsTheTownsWithTheCountyAverage() throws Exception {
        byte[] xlsx = mvc.perform(get("/api/assessment/{y}/export.xlsx", YEAR).param("unit", "town")
                        .with(TestLogins.leader(COUNTY)))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("assessment-2024-town.xlsx")))
                .andReturn().getResponse().getContentAsByteArray();
        List<String> names = as(ADMIN, this::towns).units().stream().map(UnitScore::name).toList();
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            Sheet scores = book.getSheetAt(0);
            assertThat(scores.getRow(0).getCell(0).getStringCellValue()).contains("霍山县").endsWith("(乡镇)");
            List<String> texts = new ArrayList<>();
            for (Row row : scores) {
                for (Cell cell : row) {
                    if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING) {
                        texts.add(cell.getStringCellValue());
                    }
                }
            }
            assertThat(texts).containsAll(names).contains("全县平均");
        }
    }

    @Test
    void thePageShowsTheTownSwitchOnlyWhereTheCountyHasAScheme() throws Exception {
        mvc.perform(get("/assessment/{y}", YEAR).param("unit", "town").with(TestLogins.leader(COUNTY)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("unit=town")))
                .andExpect(content().string(containsString("全县平均")))
                .andExpect(content().string(containsString("/assessment/2024/town/" + FIRST_TOWN)));
        mvc.perform(get("/assessment/{y}", 2023).with(TestLogins.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(not(containsString("unit=town"))));
        mvc.perform(get("/assessment/{y}/town/{c}", YEAR, FIRST_TOWN).with(TestLogins.leader(FIRST_TOWN)))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("诸佛庵镇")));
        mvc.perform(get("/assessment/{y}/town/{c}", YEAR, TOWNS.get(1)).with(TestLogins.leader(FIRST_TOWN)))
                .andExpect(status().isNotFound());
    }

    @Test
    void theDemoCountyHasACountyLeaderListedOnTheLoginPage() throws Exception {
        mvc.perform(get("/login"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("demo-county")))
                .andExpect(content().string(containsString("demo-leader")));
        mvc.perform(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin()
                        .user("county").password("demo-county"))
                .andExpect(org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers
                        .authenticated().withUsername("county"));
    }

    /** One number, one answer: a town leader's catalogue numbers are the administrator's filtered to the town. */
    @Test
    void aTownLeaderGetsTheAdministratorsAnswerFilteredToTheirTown() {
        List<String> metrics = List.of("hazards_found", "hazards_overdue", "rectification_rate",
                "on_time_rectification_rate", "major_open", "inspections", "monthly_check_compliance", "deaths");
        Filters range = new Filters(YearMonth.of(2025, 7), YearMonth.of(2026, 6), List.of(), List.of(), Map.of(),
                null);
        for (String town : List.of(FIRST_TOWN, TOWNS.get(2))) {
            Authentication leader = TestLogins.token(Role.LEADER, town);
            for (String metric : metrics) {
                MetricQuery own = new MetricQuery(List.of(metric), List.of("month"), range, null, null);
                MetricQuery filtered = new MetricQuery(List.of(metric), List.of("month"),
                        range.and(Map.of("town", List.of(town))), null, null);
                List<List<Object>> seen = as(leader, () -> queries.run(own).rows());
                assertThat(seen).as("%s for %s", metric, town)
                        .isEqualTo(as(ADMIN, () -> queries.run(filtered).rows()));
                if (metric.equals("hazards_found")) {
                    assertThat(seen).as("the town has hazards").isNotEmpty();
                }
            }
            // and the town assessment: their row, exactly as the administrator scores it
            Assessment admin = as(ADMIN, this::towns);
            assertThat(as(leader, this::towns).units()).singleElement().usingRecursiveComparison()
                    .isEqualTo(admin.units().stream().filter(u -> u.code().equals(town)).findFirst().orElseThrow());
        }
    }

    private Assessment towns() {
        return service.score(service.scheme(YEAR, UnitKind.TOWN).orElseThrow(), UnitKind.TOWN,
                service.defaultAsOf(YEAR));
    }

    private static BigDecimal sum(List<ItemScore> items) {
        return items.stream().map(ItemScore::points).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static <T> T as(Authentication user, Supplier<T> work) {
        SecurityContextHolder.getContext().setAuthentication(user);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("anjian-county-assessment-");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
