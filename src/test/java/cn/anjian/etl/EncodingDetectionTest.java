package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

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

import cn.anjian.etl.ImportService.ImportStatus;
import cn.anjian.security.TestLogins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodings are detected, not assumed (issue #14): ledgers in Windows-1252, Latin-1, UTF-16 (either byte order, with
 * and without BOM) and Big5 import with their text intact; a file whose encoding is not certain is refused with the
 * candidates and its first lines read each way, and changes nothing; a wrong {@code encoding=} forced by the user
 * is obeyed and every row it rewrites is reported; random bytes named .xlsx are no Excel file.
 */
@SpringBootTest
@AutoConfigureMockMvc
class EncodingDetectionTest {

    @TempDir
    static Path warehouse;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("encodings.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
    }

    @Autowired
    LedgerImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    /** English field names as headers: the only headers a Western or Big5 file can spell. */
    private static final String FIELDS = "hazard_no,found_date,village,sector,description,hazard_level,target_name\n";

    private static final String CHINESE = "隐患编号,发现日期,所属乡镇,村(社区),行业领域,隐患描述,隐患等级,隐患单位或部位\n";

    private static final List<String> FRENCH = List.of("Fenêtre cassée à l'entrée", "Extincteur périmé depuis l'été",
            "Câble dénudé près du café", "Issue de secours bloquée — palettes", "Éclairage défaillant, coût 80 €");

    @BeforeEach
    void regions() throws IOException {
        if (jdbc.queryForObject("SELECT count(*) FROM dim_region", Long.class) == 0) {
            ImportStatus status = imports.importNow(ImportKind.REGIONS,
                    write("regions.csv", ImportJobTest.REGIONS, StandardCharsets.UTF_8), "regions.csv");
            assertThat(status.status()).isEqualTo("COMPLETED");
        }
    }

    /** A sample: its name, how it is written, its expected text per hazard number. */
    record Sample(String name, Charset charset, boolean bom, String prefix, String header, List<String> texts) {
        @Override
        public String toString() {
            return name;
        }

        String csv() {
            StringBuilder s = new StringBuilder(header);
            for (int i = 0; i < 40; i++) {
                String text = texts.get(i % texts.size());
                s.append(header.equals(CHINESE)
                        ? String.format("%s-%03d,2024-03-%02d,诸佛庵镇,诸佛庵村,消防,%s,一般,某店 %d%n", prefix, i, i % 28 + 1, text, i)
                        : String.format("%s-%03d,2024-03-%02d,341525106201,fire,\"%s\",general,Shop %d%n", prefix, i, i % 28 + 1, text, i));
            }
            return s.toString();
        }

        byte[] bytes() {
            ByteBuffer encoded = charset.encode((bom ? "\uFEFF" : "") + csv());
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        }
    }

    static Stream<Sample> samples() {
        List<String> chinese = List.of("灭火器过期，安全出口被杂物堵塞", "电动车在楼道充电", "液化气罐未固定，软管老化");
        List<String> latin1 = List.of("Fenêtre cassée à l'entrée", "Straße gesperrt, Größe prüfen", "Señal dañada el año pasado",
                "Extincteur périmé depuis l'été");
        return Stream.of(
                new Sample("Windows-1252", Charset.forName("windows-1252"), false, "CP", FIELDS, FRENCH),
                new Sample("Latin-1", StandardCharsets.ISO_8859_1, false, "L1", FIELDS, latin1),
                new Sample("UTF-16LE with BOM", StandardCharsets.UTF_16LE, true, "LB", CHINESE, chinese),
                new Sample("UTF-16LE without BOM", StandardCharsets.UTF_16LE, false, "LE", CHINESE, chinese),
                new Sample("UTF-16BE with BOM", StandardCharsets.UTF_16BE, true, "BB", CHINESE, chinese),
                new Sample("UTF-16BE without BOM", StandardCharsets.UTF_16BE, false, "BE", CHINESE, chinese),
                new Sample("Big5", Charset.forName("Big5"), false, "B5", FIELDS,
                        List.of("滅火器過期，安全出口被雜物堵塞", "電動車在樓道充電", "臺北市某餐廳液化氣罐未固定")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void aLedgerInThisEncodingImportsWithItsTextIntact(Sample sample) throws IOException {
        Path file = files.resolve(sample.prefix() + ".csv");
        Files.write(file, sample.bytes());

        ImportStatus status = imports.importNow(ImportKind.HAZARDS, file, file.getFileName().toString());

        assertThat(status.status()).as(String.valueOf(status.message())).isEqualTo("COMPLETED");
        assertThat(status.rejected()).isZero();
        assertThat(status.changes()).isEqualTo(new ImportService.Changes(40, 0, 0));
        for (int i = 0; i < 40; i += 7) {
            assertThat(description(String.format("%s-%03d", sample.prefix(), i)))
                    .isEqualTo(sample.texts().get(i % sample.texts().size()));
        }
    }

    @Test
    void aFileWhoseEncodingIsUncertainIsRefusedWithTheCandidatesAndItsFirstLinesReadEachWay() throws Exception {
        // 萬字 in Big5, 窾 in GBK, ¸U¦r in Windows-1252: every reading is valid
        byte[] bytes = (FIELDS + "AM-001,2024-03-01,341525106201,fire,萬字,general,x\n").getBytes(Charset.forName("Big5"));

        String body = mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", "ambiguous.csv", "text/csv", bytes))
                        .param("kind", "hazards").with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.title").value("无法确定文件编码"))
                .andExpect(jsonPath("$.detail", containsString("ambiguous.csv")))
                .andExpect(jsonPath("$.detail", containsString("encoding")))
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        JsonNode candidates = JsonMapper.builder().build().readTree(body).get("candidates");
        Map<String, String> firstData = new java.util.HashMap<>();
        candidates.forEach(c -> firstData.put(c.get("encoding").asString(), c.get("preview").get(1).asString()));
        assertThat(firstData).containsKeys("windows-1252", "GB18030", "Big5");
        assertThat(firstData.get("Big5")).contains("萬字");
        assertThat(firstData.get("GB18030")).contains("窾");
        assertThat(firstData.get("windows-1252")).contains("¸U¦r");
        assertThat(description("AM-001")).as("nothing was imported").isNull();
    }

    @Test
    void aWindows1252CopyChangesNoTextAndAWrongEncodingForcedByTheUserReportsEveryRowItRewrites() throws Exception {
        // given: the rows imported from UTF-8
        Sample utf8 = new Sample("UTF-8", StandardCharsets.UTF_8, false, "MT", FIELDS, FRENCH);
        assertThat(imports.importNow(ImportKind.HAZARDS, write("montreal.csv", utf8.csv(), StandardCharsets.UTF_8),
                "montreal.csv").changes()).isEqualTo(new ImportService.Changes(40, 0, 0));
        Path copy = write("montreal-1252.csv", utf8.csv(), Charset.forName("windows-1252"));

        // when the Windows-1252 copy is imported: detected, it matches every row
        ImportStatus detected = imports.importNow(ImportKind.HAZARDS, copy, "montreal-1252.csv");
        assertThat(detected.changes()).isEqualTo(new ImportService.Changes(0, 0, 40));
        // and a one-line copy that reads as GBK and Big5 too (Montr閍l) is refused, changing nothing
        Path oneLine = write("montreal-short.csv", FIELDS + "MT-000,2024-03-01,341525106201,fire,Montréal,general,x\n",
                Charset.forName("windows-1252"));
        ImportStatus refused = imports.importNow(ImportKind.HAZARDS, oneLine, "montreal-short.csv");
        assertThat(refused.status()).isEqualTo("FAILED");
        assertThat(refused.message()).contains("montreal-short.csv").contains("编码无法确定").contains("Windows-1252");
        assertThat(description("MT-000")).isEqualTo(FRENCH.get(0));

        // when the user forces GBK through the API: obeyed, and every rewritten row is reported before → after
        String body = mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", "montreal-1252.csv",
                                "text/csv", Files.readAllBytes(copy)))
                        .param("kind", "hazards").param("encoding", "GBK").with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        long id = JsonMapper.builder().build().readTree(body).get("id").asLong();
        ImportStatus forced = awaitFinished(id);
        assertThat(forced.changes()).isEqualTo(new ImportService.Changes(0, 40, 0));
        mvc.perform(get("/api/imports/" + id).with(TestLogins.admin()))
                .andExpect(jsonPath("$.updated").value(40))
                .andExpect(jsonPath("$.changes.length()").value(5))
                .andExpect(jsonPath("$.changes[0].key").value("MT-000"))
                .andExpect(jsonPath("$.changes[0].fields[0].before").value(FRENCH.get(0)))
                .andExpect(jsonPath("$.changes[0].fields[0].after", org.hamcrest.Matchers.not(FRENCH.get(0))));
        assertThat(description("MT-000")).isNotEqualTo(FRENCH.get(0));
    }

    @Test
    void randomBytesNamedXlsxAreRefusedAsNotAnExcelFile() throws Exception {
        byte[] bytes = new byte[64 * 1024];
        new Random(14).nextBytes(bytes);
        mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", "台账.xlsx", "application/octet-stream", bytes))
                        .with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.detail", containsString("台账.xlsx")))
                .andExpect(jsonPath("$.detail", containsString("不是 Excel 文件")));
        Path file = files.resolve("random.xlsx");
        Files.write(file, bytes);
        ImportStatus status = imports.importNow(ImportKind.HAZARDS, file, "random.xlsx");
        assertThat(status.status()).isEqualTo("FAILED");
        assertThat(status.message()).contains("random.xlsx").contains("不是 Excel 文件");
    }

    @Test
    void anEncodingWeDoNotReadIsA400NamingTheParameterAndThePageOffersTheEncodings() throws Exception {
        mvc.perform(multipart("/api/imports").file(new MockMultipartFile("file", "a.csv", "text/csv", "x".getBytes()))
                        .param("encoding", "EBCDIC").with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.parameter").value("encoding"))
                .andExpect(jsonPath("$.detail", containsString("EBCDIC")));
        mvc.perform(get("/imports").with(TestLogins.admin()))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("name=\"encoding\"")))
                .andExpect(content().string(containsString("value=\"Big5\"")));
    }

    private ImportStatus awaitFinished(long id) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            ImportStatus s = imports.status(id).orElseThrow();
            if (!s.status().startsWith("START")) {
                return s;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    private String description(String hazardNo) {
        List<String> d = jdbc.queryForList("SELECT description FROM fact_hazard WHERE hazard_no = ?", String.class, hazardNo);
        return d.isEmpty() ? null : d.get(0);
    }

    private Path write(String name, String content, Charset charset) throws IOException {
        Path dir = Files.createTempDirectory(files, "f");
        Path file = dir.resolve(name);
        Files.write(file, content.getBytes(charset));
        return file;
    }
}
