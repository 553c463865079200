package cn.anjian.assessment;

import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import cn.anjian.assessment.Assessment.ItemScore;
import cn.anjian.assessment.Assessment.UnitScore;
import cn.anjian.assessment.Scheme.UnitKind;
import cn.anjian.demo.DemoTownWarehouse;
import cn.anjian.semantic.MemberRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The default 2023 scheme on the demo town (scale 0.2, imported through the real import path at start): every
 * village and department is scored, totals are the sums of item points, grades spread, and the API, the pages and
 * the xlsx export answer.
 */
@WithAccount(Role.ADMIN)
class AssessmentDemoTownTest extends DemoTownWarehouse {

    @Autowired
    AssessmentService service;

    @Autowired
    MemberRepository members;

    @Autowired
    MockMvc mvc;

    /** The one place requests are built: the security branch adds its user (.with(user(…))) here. */
    private ResultActions request(String url) throws Exception {
        MockHttpServletRequestBuilder request = get(url);
        return mvc.perform(request);
    }

    @Test
    void everyVillageAndDepartmentIsScoredWithTotalsEqualToTheSumOfItemPointsAndSeveralGrades() {
        Scheme scheme = service.scheme(2023).orElseThrow();
        Set<String> grades = new java.util.HashSet<>();
        StringBuilder spread = new StringBuilder();
        for (UnitKind kind : List.of(UnitKind.VILLAGE, UnitKind.DEPARTMENT)) {
            Assessment a = service.score(scheme, kind, service.defaultAsOf(2023));
            List<String> expected = (kind == UnitKind.VILLAGE ? members.villages() : members.departments()).stream()
                    .map(m -> m.code()).sorted().toList();
            assertThat(a.units()).extracting(UnitScore::code).containsExactlyInAnyOrderElementsOf(expected);
            for (UnitScore u : a.units()) {
                BigDecimal sum = u.items().stream().map(ItemScore::points).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(u.total()).as(u.name()).isEqualByComparingTo(sum);
                assertThat(u.total()).as(u.name()).isBetween(BigDecimal.ZERO, new BigDecimal("100"));
                assertThat(u.score()).isEqualByComparingTo(u.total().add(u.bonus()));
                for (ItemScore i : u.items()) {
                    assertThat(i.points()).as(u.name() + " " + i.id()).isBetween(BigDecimal.ZERO, i.max());
                    assertThat(i.arithmetic()).isNotBlank();
                }
            }
            grades.addAll(a.units().stream().map(UnitScore::grade).toList());
            spread.append(kind.code()).append(' ').append(new TreeMap<>(a.units().stream()
                    .collect(Collectors.groupingBy(UnitScore::grade, Collectors.counting())))).append(' ');
        }
        // at scale 0.2 in 2023: villages 优秀 1, 良好 10, 合格 9; departments 良好 3, 合格 6
        assertThat(grades).as("a plausible spread of grades: %s", spread).hasSizeGreaterThan(1);
    }

    @Test
    void theApiAnswersWithEvidenceAndLinks() throws Exception {
        request("/api/assessment/2023?unit=village")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.year").value(2023))
                .andExpect(jsonPath("$.units.length()", greaterThan(5)))
                .andExpect(jsonPath("$.units[0].rank").value(1))
                .andExpect(jsonPath("$.units[0].items[0].arithmetic", containsString("目标 12 个月")))
                .andExpect(jsonPath("$.units[0].items[0].link", containsString("village=")));
        request("/api/assessment/2023?unit=department")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.units.length()", greaterThan(3)));
        request("/api/assessment/2024/compare?unit=village")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.previousYear").value(2023))
                .andExpect(jsonPath("$.units[0].previousScore").isNumber());
        request("/api/assessment/2023/compare?unit=village").andExpect(status().isNotFound());
        request("/api/assessment/1999").andExpect(status().isNotFound())
                .andExpect(jsonPath("$.parameter").value("year"));
        request("/api/assessment/2023?unit=county").andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("unit"));
    }

    @Test
    void thePagesRenderTheRankingTheUnitSheetAndTheYearBefore() throws Exception {
        // direct service calls first: a MockMvc request clears the signed-in context when it ends
        String code = service.score(service.scheme(2023).orElseThrow(), UnitKind.VILLAGE,
                service.defaultAsOf(2023)).units().get(0).code();
        String department = members.departments().get(0).code();
        request("/assessment/2024?unit=village")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("考核评分表")))
                .andExpect(content().string(containsString("2023 年")))   // year-over-year column
                .andExpect(content().string(containsString("echarts.min.js")));
        request("/assessment/2023/village/" + code)
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("计算过程")))
                .andExpect(content().string(containsString("目标 12 个月")));
        request("/assessment/2024/department/" + department)
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2023 年得分")))
                .andExpect(content().string(containsString("主要负责同志每月带队督查")));
        request("/assessment/2023?unit=department")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("主要负责同志每月带队督查(7)")));
        // every score on the ranking has one decimal (91.0 and 89.5, never 91 beside 89.5) and does not wrap
        String ranking = request("/assessment/2024?unit=village").andReturn().getResponse()
                .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
        java.util.List<String> scores = org.jsoup.Jsoup.parse(ranking).select("#ranking tbody td.num:not(:first-child)")
                .eachText().stream().map(t -> t.replaceFirst(" \\(.*\\)$", "")).toList();
        assertThat(scores).isNotEmpty().allMatch(t -> t.matches("\\d+\\.\\d"), "a score with one decimal");
    }

    /** An item's 数据 link opens its rows as a table (names, not codes), the same rows as the JSON it links to. */
    @Test
    void anItemsDataLinkOpensItsRowsAsATable() throws Exception {
        UnitScore unit = service.score(service.scheme(2023).orElseThrow(), UnitKind.VILLAGE,
                service.defaultAsOf(2023)).units().get(0);
        List<String> links = unit.items().stream().map(ItemScore::data).toList();
        String byMonth = links.stream().filter(l -> l.startsWith("/data/query?")).findFirst().orElseThrow();
        String panel = links.stream().filter(l -> l.startsWith("/data/dashboards/")).findFirst().orElseThrow();
        for (String link : List.of(byMonth, panel)) {
            String html = request(link).andExpect(status().isOk())
                    .andExpect(content().contentTypeCompatibleWith(org.springframework.http.MediaType.TEXT_HTML))
                    .andReturn().getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(html);
            String json = page.select(".data-view__links a:contains(JSON)").attr("href");
            assertThat(json).startsWith("/api/");
            String body = request(json).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString(java.nio.charset.StandardCharsets.UTF_8);
            List<List<Object>> rows = com.jayway.jsonpath.JsonPath.read(body, "$.rows");
            assertThat(page.select(".data-view__table tbody tr")).as(link).hasSize(rows.size());
            assertThat(page.select(".data-view__filters li").eachText()).as(link)
                    .contains("时间范围: 2023-01 至 2023-12", "村(社区): " + unit.name());
            if (link.equals(byMonth)) {
                // one row a month: the month, then the value as the catalogue shows it
                assertThat(rows).hasSize(12);
                assertThat(page.select(".data-view__table tbody tr").get(0).select("td").get(0).text())
                        .isEqualTo(String.valueOf(rows.get(0).get(0)));
                assertThat(page.select(".data-view__table tbody tr").get(0).select("td").get(1).text())
                        .isEqualTo(new BigDecimal(String.valueOf(rows.get(0).get(1))).stripTrailingZeros()
                                .toPlainString());
            }
        }
    }

    @Test
    void aYearWithoutItsOwnSchemeIsScoredWithTheLatestEarlierOneAndTheRunningYearIsProvisional() throws Exception {
        // the clock stands at 2026-06-15; schemes exist for 2023 and 2024 only
        assertThat(service.years()).containsExactly(2023, 2024, 2025, 2026);
        request("/api/assessment/2025?unit=village")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.year").value(2025))
                .andExpect(jsonPath("$.from").value("2025-01"))
                .andExpect(jsonPath("$.adoptedFrom").value(2024))
                .andExpect(jsonPath("$.provisional").value(false))
                .andExpect(jsonPath("$.title").value("诸佛庵镇2025年度安全生产工作考核评分表"))
                .andExpect(jsonPath("$.units.length()", greaterThan(5)));
        request("/api/assessment/2026?unit=village")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf").value("2026-06-15"))
                .andExpect(jsonPath("$.provisional").value(true))
                .andExpect(jsonPath("$.adoptedFrom").value(2024));
        request("/api/assessment/2024?unit=village")
                .andExpect(jsonPath("$.adoptedFrom").doesNotExist())
                .andExpect(jsonPath("$.provisional").value(false));
        request("/api/assessment/2027").andExpect(status().isNotFound());
        request("/assessment").andExpect(header().string("Location", "/assessment/2026"));
        request("/assessment/2025?unit=village")
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("2025 年度尚无考核方案，沿用 2024 年度方案评分")));
        request("/assessment/2026?unit=village")
                .andExpect(content().string(containsString("截至 2026-06-15 的暂评得分")));
        byte[] body = request("/api/assessment/2026/export.xlsx?unit=village")
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            Sheet scores = workbook.getSheet(AssessmentWorkbook.SCORES);
            assertThat(scores.getRow(0).getCell(0).getStringCellValue()).contains("2026年度");
            assertThat(scores.getRow(1).getCell(0).getStringCellValue())
                    .contains("沿用 2024 年度方案").contains("截至 2026-06-15 的暂评得分");
        }
    }

    @Test
    void theExportIsAPaperStyleScoreSheetWithADeductionSheet() throws Exception {
        byte[] body = request("/api/assessment/2023/export.xlsx?unit=village")
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Disposition", containsString("filename*=UTF-8''2023")))
                .andReturn().getResponse().getContentAsByteArray();
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(body))) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(2);
            Sheet scores = workbook.getSheet(AssessmentWorkbook.SCORES);
            assertThat(scores.getRow(0).getCell(0).getStringCellValue()).contains("考核评分表");
            List<String> headers = new ArrayList<>();
            scores.getRow(3).forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).contains("每月开展隐患排查(15分)", "隐患整改率(12分)");
            List<String> top = new ArrayList<>();
            scores.getRow(2).forEach(c -> top.add(c.getStringCellValue()));
            assertThat(top).contains("排名", "单位", "基础得分", "加分", "总得分", "一票否决", "等次");
            Row first = scores.getRow(4);
            assertThat(first.getCell(0).getNumericCellValue()).isEqualTo(1.0);
            Sheet details = workbook.getSheet(AssessmentWorkbook.DETAILS);
            assertThat(details.getRow(0).getCell(8).getStringCellValue()).isEqualTo("计算过程");
            assertThat(details.getLastRowNum()).isGreaterThan(0);
        }
    }
}
