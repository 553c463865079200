package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import cn.anjian.security.TestLogins;

/**
 * Mapping profiles say what is wrong with them (issue #14): every file of the broken-profile corpus
 * (src/test/resources/bad-profiles/, expected line and reason in manifest.csv) is reported through the API with its
 * file, line and reason, and on the upload page; with kind=auto the profile that places the most columns reads a
 * ledger, a tie is refused naming the tied profiles, and the result names the profile used.
 */
@SpringBootTest
@AutoConfigureMockMvc
class MappingProfileProblemsTest {

    @TempDir
    static Path warehouse;

    @TempDir
    static Path mappings;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("profiles.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
        registry.add("anjian.etl.mappings-dir", () -> mappings.toString());
    }

    @Autowired
    MockMvc mvc;

    @Autowired
    LedgerImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    private static final byte[] LEDGER = """
            日期,村,行业,问题,等级,单位
            2024-05-06,诸佛庵村,消防,电动车楼道充电,一般,某店
            """.getBytes(StandardCharsets.UTF_8);

    record Case(String file, Integer line, String reason, String what) {
        @Override
        public String toString() {
            return file + " (" + what + ")";
        }
    }

    static Stream<Case> corpus() throws IOException {
        try (InputStream in = MappingProfileProblemsTest.class.getResourceAsStream("/bad-profiles/manifest.csv");
             Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader).getRecords();
            return records.stream().map(r -> new Case(r.get("file"), r.get("line").isBlank() ? null
                    : Integer.valueOf(r.get("line")), r.get("reason"), r.get("what"))).toList().stream();
        }
    }

    @BeforeEach
    void regions() throws IOException {
        if (jdbc.queryForObject("SELECT count(*) FROM dim_region", Long.class) == 0) {
            Path regions = Files.createTempFile(warehouse, "regions", ".csv");
            Files.writeString(regions, ImportJobTest.REGIONS);
            assertThat(imports.importNow(ImportKind.REGIONS, regions, "regions.csv").status()).isEqualTo("COMPLETED");
        }
    }

    @AfterEach
    void noProfilesLeft() throws IOException {
        try (Stream<Path> files = Files.list(mappings)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void everyFileOfTheCorpusIsListedInTheManifest() throws Exception {
        Path dir = Path.of(getClass().getResource("/bad-profiles/manifest.csv").toURI()).getParent();
        try (Stream<Path> present = Files.list(dir)) {
            assertThat(corpus().map(Case::file).toList()).containsExactlyInAnyOrderElementsOf(
                    present.map(p -> p.getFileName().toString()).filter(n -> !n.equals("manifest.csv")).toList());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void aBrokenProfileIsReportedThroughTheApiWithItsFileLineAndReason(Case c) throws Exception {
        Files.copy(Path.of(getClass().getResource("/bad-profiles/" + c.file()).toURI()), mappings.resolve(c.file()));
        String name = c.file().replaceFirst("\\.yaml$", "");

        ResultActions named = mvc.perform(multipart("/api/imports")
                        .file(new MockMultipartFile("file", "ledger.csv", "text/csv", LEDGER))
                        .param("profile", name).with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.title").value("映射方案有错误"))
                .andExpect(jsonPath("$.file").value(c.file()))
                .andExpect(jsonPath("$.reason", containsString(c.reason())))
                .andExpect(jsonPath("$.detail", containsString(c.file())));
        named.andExpect(c.line() == null ? jsonPath("$.line").value(nullValue()) : jsonPath("$.line").value(c.line()));
        if (c.reason().startsWith("没有字段")) {
            named.andExpect(jsonPath("$.validFields", hasItem(c.file().contains("constant") ? "sector" : "village")));
        }
        mvc.perform(get("/api/imports/profiles/problems").with(TestLogins.admin()))
                .andExpect(jsonPath("$[0].file").value(c.file()))
                .andExpect(jsonPath("$[0].reason", containsString(c.reason())));
        mvc.perform(get("/imports").with(TestLogins.admin()))
                .andExpect(content().string(containsString(c.file())));
    }

    @Test
    void aLedgerNoProfileFitsIsRefusedNamingTheBrokenProfiles() throws Exception {
        Files.copy(Path.of(getClass().getResource("/bad-profiles/unknown-field.yaml").toURI()),
                mappings.resolve("unknown-field.yaml"));
        mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", "ledger.csv", "text/csv", LEDGER))
                        .with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.brokenProfiles[0].file").value("unknown-field.yaml"))
                .andExpect(jsonPath("$.brokenProfiles[0].line").value(5));
    }

    @Test
    void withKindAutoTheProfileThatPlacesTheMostColumnsReadsTheLedgerAndTheResultNamesIt() throws Exception {
        profile("patrol-short", "");
        profile("patrol-full", "  target_name: 单位\n");

        String body = mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", "ledger.csv", "text/csv", LEDGER))
                        .param("kind", "auto").with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.profile").value("patrol-full"))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        long id = tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).get("id").asLong();
        awaitFinished(id);
        mvc.perform(get("/api/imports/" + id).with(TestLogins.admin()))
                .andExpect(jsonPath("$.status").value("COMPLETED"))
                .andExpect(jsonPath("$.profile").value("patrol-full"));
        mvc.perform(get("/imports/" + id).with(TestLogins.admin()))
                .andExpect(content().string(containsString("patrol-full")));
    }

    @Test
    void withKindAutoTwoProfilesThatPlaceAsManyColumnsAreRefusedAndBothNamed() throws Exception {
        profile("patrol-a", "");
        profile("patrol-b", "");

        mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", "ledger.csv", "text/csv", LEDGER))
                        .with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail", containsString("patrol-a")))
                .andExpect(jsonPath("$.detail", containsString("patrol-b")))
                .andExpect(jsonPath("$.detail", containsString("profile")));
    }

    private static void profile(String name, String extraColumns) throws IOException {
        Files.writeString(mappings.resolve(name + ".yaml"), """
                title: 村巡查记录本 %s
                kind: hazards
                columns:
                  found_date: 日期
                  village: 村
                  sector: 行业
                  description: 问题
                  hazard_level: 等级
                %skey: [file_row]
                """.formatted(name, extraColumns), StandardCharsets.UTF_8);
    }

    private void awaitFinished(long id) throws InterruptedException {
        for (int i = 0; i < 600 && imports.status(id).orElseThrow().status().startsWith("START"); i++) {
            Thread.sleep(100);
        }
    }
}
