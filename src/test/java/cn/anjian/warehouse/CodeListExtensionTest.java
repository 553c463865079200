package cn.anjian.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import com.jayway.jsonpath.JsonPath;

import cn.anjian.etl.ImportKind;
import cn.anjian.etl.ImportService;
import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

/**
 * A sector added to the code-list file (a copy of {@code etl/codes.yaml} given as {@code anjian.codes.file}: 餐饮
 * under 人员密集场所) is imported by its spellings and appears in the sector filter, a dashboard panel, the
 * {@code sector_parent} grouping and the exports, without a line of SQL or Java; the hazard ledger's notice fields
 * (整改措施, 整改责任人, 检查人员, 文书编号) go from the import to the detail view and the export.
 */
@SpringBootTest
@AutoConfigureMockMvc
@WithAccount(Role.ADMIN)
class CodeListExtensionTest {

    @TempDir
    static Path dir;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> dir.resolve("codes-test.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> dir.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
        registry.add("anjian.codes.file", CodeListExtensionTest::codesWithCatering);
    }

    /** The shipped file with one more sector, as a safety office would add it. */
    private static String codesWithCatering() {
        try {
            String shipped = Files.readString(Path.of(CodeLists.FILE));
            Path copy = dir.resolve("codes.yaml");
            Files.writeString(copy, shipped.replace("\nenforcement_actions:", "\n"
                    + "  - code: catering\n"
                    + "    zh: 餐饮\n"
                    + "    en: Catering\n"
                    + "    parent: crowded_place\n"
                    + "    aliases: [餐馆, 饭店]\n"
                    + "\nenforcement_actions:"));
            return copy.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String REGIONS = """
            区划代码,名称,级别,上级区划代码
            341525000000,霍山县,县,
            341525106000,诸佛庵镇,镇,341525000000
            341525106201,诸佛庵村,村,341525106000
            """;

    private static final String HAZARD_ROWS = """
            CL-1,2026-03-02,,诸佛庵村,川味饭店,,餐馆,后厨燃气软管老化,一般,,,2026-03-20,,,,,,,,,,,,更换燃气软管并加装报警器,张三,"李四、王五",诸安监通〔2026〕3号
            CL-2,2026-03-05,,诸佛庵村,农贸市场,,人员密集场所,疏散通道堵塞,一般,,,,,,,,,,,,,,,,,,
            CL-3,2026-03-06,,诸佛庵村,民房,,消防,灭火器过期,一般,,,,,,,,,,,,,,,,,,
            CL-4,2026-03-07,,诸佛庵村,夜市,,烧烤摊,油烟管道积油,一般,,,,,,,,,,,,,,,,,,
            """;

    @Autowired
    MockMvc mvc;

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    static ImportService.ImportStatus hazardImport;

    @BeforeEach
    void load() throws IOException {
        if (hazardImport == null) {
            assertThat(imports.importNow(ImportKind.REGIONS, write("regions.csv", REGIONS), "regions.csv").status())
                    .isEqualTo("COMPLETED");
            String header = String.join(",", ImportKind.HAZARDS.headers()) + "\n";
            hazardImport = imports.importNow(ImportKind.HAZARDS, write("hazards.csv", header + HAZARD_ROWS),
                    "hazards.csv");
        }
    }

    @Test
    void theNewSectorIsImportedByItsSpellingsAndAnUnknownOneNamesTheFileToExtend() {
        assertThat(hazardImport.written()).isEqualTo(3);
        assertThat(jdbc.queryForObject("SELECT sector_code FROM fact_hazard WHERE hazard_no = 'CL-1'", String.class))
                .isEqualTo("catering");
        ImportService.Reject reject = imports.rejects(hazardImport.id()).get(0);
        assertThat(reject.field()).isEqualTo("行业领域");
        assertThat(reject.value()).isEqualTo("烧烤摊");
        assertThat(reject.reason()).contains("相近的可填值").contains("代码表 etl/codes.yaml");
    }

    @Test
    void theSectorFilterListsTheSubSectorUnderItsParent() throws Exception {
        String body = json("/api/catalog/dimensions/sector/members");
        List<String> codes = JsonPath.read(body, "$[*].code");

        int parent = codes.indexOf("crowded_place");
        assertThat(codes.get(parent + 1)).isEqualTo("catering");
        assertThat(JsonPath.<List<String>>read(body, "$[?(@.code == 'catering')].parent")).containsExactly("crowded_place");
        assertThat(JsonPath.<List<String>>read(body, "$[?(@.code == 'catering')].label.zh")).containsExactly("餐饮");
        assertThat(JsonPath.<List<String>>read(json("/api/catalog/dimensions/sector_parent/members"), "$[*].code"))
                .contains("crowded_place", "fire").doesNotContain("catering");
    }

    @Test
    void aDashboardPanelShowsTheSubSectorAndTheParentsFilterIncludesIt() throws Exception {
        String all = json("/api/dashboards/hazard-trends/panels/by-sector?from=2026-03&to=2026-03");
        assertThat(JsonPath.<List<String>>read(all, "$.labels.sector[*].label.zh")).contains("餐饮", "人员密集场所", "消防");

        String parent = json("/api/dashboards/hazard-trends/panels/by-sector?from=2026-03&to=2026-03"
                + "&sector=crowded_place");
        assertThat(JsonPath.<List<String>>read(parent, "$.rows[*][1]")).containsExactlyInAnyOrder("catering",
                "crowded_place");
        assertThat(JsonPath.<List<Integer>>read(parent, "$.rows[*][2]").stream().mapToInt(Integer::intValue).sum())
                .isEqualTo(2);
    }

    @Test
    void sectorParentGroupsTheSubSectorUnderItsParent() throws Exception {
        String body = json("/api/query?metrics=hazards_found&dims=sector_parent&from=2026-03&to=2026-03");

        assertThat(JsonPath.<List<Integer>>read(body, "$.rows[?(@[0] == 'crowded_place')][1]")).containsExactly(2);
        assertThat(JsonPath.<List<Integer>>read(body, "$.rows[?(@[0] == 'fire')][1]")).containsExactly(1);
        assertThat(JsonPath.<List<String>>read(body, "$.labels.sector_parent[*].label.zh"))
                .containsExactly("消防", "人员密集场所");
    }

    @Test
    void theExportUnderTheParentHoldsTheSubSectorsRowsWithTheNoticeFields() throws Exception {
        List<CSVRecord> csv = csv(download(get("/api/export/hazards.csv").param("from", "2026-03")
                .param("to", "2026-03").param("sector", "crowded_place")));

        List<String> headers = csv.get(0).toList();
        assertThat(headers).containsSubsequence("整改措施", "整改责任人", "检查人员", "文书编号");
        Map<String, Integer> at = new java.util.HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            at.put(headers.get(i), i);
        }
        assertThat(csv).hasSize(3);
        assertThat(csv.stream().skip(1).map(r -> r.get(at.get("行业领域")))).containsExactly("餐饮", "人员密集场所");
        CSVRecord first = csv.get(1);
        assertThat(first.get(at.get("隐患编号"))).isEqualTo("CL-1");
        assertThat(first.get(at.get("整改措施"))).isEqualTo("更换燃气软管并加装报警器");
        assertThat(first.get(at.get("整改责任人"))).isEqualTo("张三");
        assertThat(first.get(at.get("检查人员"))).isEqualTo("李四、王五");
        assertThat(first.get(at.get("文书编号"))).isEqualTo("诸安监通〔2026〕3号");
    }

    @Test
    void theHazardDetailViewShowsTheNoticeFields() throws Exception {
        String body = json("/api/query?detail=hazard_list&from=2026-03&to=2026-03&sector=catering");

        List<String> columns = JsonPath.read(body, "$.columns[*].id");
        List<Object> row = JsonPath.<List<List<Object>>>read(body, "$.rows").get(0);
        assertThat(row.get(columns.indexOf("hazard_no"))).isEqualTo("CL-1");
        assertThat(row.get(columns.indexOf("rectification_measures"))).isEqualTo("更换燃气软管并加装报警器");
        assertThat(row.get(columns.indexOf("responsible_person"))).isEqualTo("张三");
        assertThat(row.get(columns.indexOf("inspectors"))).isEqualTo("李四、王五");
        assertThat(row.get(columns.indexOf("document_no"))).isEqualTo("诸安监通〔2026〕3号");
    }

    private String json(String url) throws Exception {
        MockHttpServletResponse response = mvc.perform(get(url)).andReturn().getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return response.getContentAsString(StandardCharsets.UTF_8);
    }

    private byte[] download(MockHttpServletRequestBuilder request) throws Exception {
        MvcResult started = mvc.perform(request).andReturn();
        MockHttpServletResponse response = started.getRequest().isAsyncStarted()
                ? mvc.perform(asyncDispatch(started)).andReturn().getResponse() : started.getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return response.getContentAsByteArray();
    }

    private static List<CSVRecord> csv(byte[] body) throws IOException {
        try (var r = new InputStreamReader(new ByteArrayInputStream(body, 3, body.length - 3), StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.parse(r).getRecords();
        }
    }

    private static Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}
