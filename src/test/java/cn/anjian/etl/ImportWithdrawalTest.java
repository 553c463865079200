package cn.anjian.etl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import cn.anjian.etl.ImportService.Change;
import cn.anjian.etl.ImportService.FieldChange;
import cn.anjian.etl.ImportService.ImportStatus;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import cn.anjian.security.TestLogins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Imports a safety office can trust (issue #14): every import reports what it added, updated and left unchanged,
 * with the updates before → after, and can be withdrawn, leaving the warehouse exactly as it was before it; an
 * import later ones built on is withdrawn only with them. Ledgers without an id keep identical lines apart.
 */
@SpringBootTest
@AutoConfigureMockMvc
class ImportWithdrawalTest {

    @TempDir
    static Path warehouse;

    @TempDir
    static Path mappings;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) throws IOException {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("test.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
        registry.add("anjian.etl.mappings-dir", () -> mappings.toString());
        Files.writeString(mappings.resolve("patrol-book.yaml"), """
                title: 村巡查记录本 (无编号)
                kind: hazards
                columns:
                  found_date: 日期
                  village: 村
                  sector: 行业
                  description: 问题
                  hazard_level: 等级
                key: [file_row]
                """, StandardCharsets.UTF_8);
    }

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    private static final String HEADER = "隐患编号,发现日期,所属乡镇,村(社区),隐患单位或部位,统一社会信用代码,行业领域,隐患描述,"
            + "隐患等级,责任单位,检查编号,整改期限,整改完成日期,复查验收日期,销号日期,整改状态,整改资金(元),责任落实,措施落实,资金落实,"
            + "时限落实,预案落实,是否公布\n";

    @BeforeEach
    void regions() throws IOException {
        if (jdbc.queryForObject("SELECT count(*) FROM dim_region", Long.class) == 0) {
            ImportStatus status = imports.importNow(ImportKind.REGIONS, write("regions.csv", ImportJobTest.REGIONS),
                    "regions.csv");
            assertThat(status.status()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void withdrawingALaterImportRestoresEveryColumnOfTheFirstAndTheFirstCannotGoAloneWhileTheLaterStands()
            throws IOException {
        // given: A with 20 hazards, B updating 2 of them (10 %) and adding 3
        ImportStatus a = imports.importNow(ImportKind.HAZARDS, write("A.csv", HEADER + rows("WD", 0, 20, "灭火器过期")),
                "A.csv");
        assertThat(a.changes()).isEqualTo(new ImportService.Changes(20, 0, 0));
        List<Map<String, Object>> afterA = hazards();
        long martAfterA = martFound();

        String b = HEADER + rows("WD", 0, 20, "灭火器过期").replace("WD-001,2023-03-02,诸佛庵镇,诸佛庵村,某店,,消防,灭火器过期",
                        "WD-001,2023-03-02,诸佛庵镇,诸佛庵村,某店,,消防,灭火器已过期两年")
                .replace("WD-002,2023-03-03,诸佛庵镇,诸佛庵村,某店,,消防,灭火器过期,一般,,,,,,,待整改",
                        "WD-002,2023-03-03,诸佛庵镇,诸佛庵村,某店,,消防,灭火器过期,一般,,,,2023-04-01,,,已整改")
                + rows("WD", 20, 23, "疏散通道堵塞");
        ImportStatus later = imports.importNow(ImportKind.HAZARDS, write("B.csv", b), "B.csv");

        // then B says what it did, with the updates before → after
        assertThat(later.status()).isEqualTo("COMPLETED");
        assertThat(later.changes()).isEqualTo(new ImportService.Changes(3, 2, 18));
        assertThat(later.written()).isEqualTo(5);
        List<Change> changes = imports.changes(later.id(), 5);
        assertThat(changes).extracting(Change::key).containsExactly("WD-001", "WD-002");
        assertThat(changes.get(0).fields()).containsExactly(new FieldChange("隐患描述", "灭火器过期", "灭火器已过期两年"));
        assertThat(changes.get(1).fields()).extracting(FieldChange::field).contains("整改完成日期", "整改状态");
        assertThat(hazards()).hasSize(23);

        // A cannot go while B, which updated A's rows, stands
        assertThatThrownBy(() -> imports.withdraw(a.id(), "导错了文件", false, "admin"))
                .isInstanceOf(ImportService.WithdrawalRefused.class)
                .hasMessageContaining("B.csv")
                .satisfies(e -> assertThat(((ImportService.WithdrawalRefused) e).dependents())
                        .extracting(ImportStatus::id).containsExactly(later.id()));
        assertThat(hazards()).hasSize(23);

        // when B is withdrawn, the facts equal the state after A, every column of every row
        ImportStatus withdrawn = imports.withdraw(later.id(), "B 是旧版本", false, "admin");
        assertThat(withdrawn.status()).isEqualTo("WITHDRAWN");
        assertThat(hazards()).isEqualTo(afterA);
        assertThat(jdbc.queryForObject("SELECT withdraw_reason || ' / ' || withdrawn_by FROM etl_batch WHERE batch_id = ?",
                String.class, later.id())).isEqualTo("B 是旧版本 / admin");
        assertThat(martFound()).isEqualTo(martAfterA);

        // and then A can go too: nothing of either is left
        imports.withdraw(a.id(), "导错了文件", false, "admin");
        assertThat(hazards()).isEmpty();
        assertThatThrownBy(() -> imports.withdraw(a.id(), "again", false, "admin"))
                .isInstanceOf(ImportService.WithdrawalRefused.class).hasMessageContaining("WITHDRAWN");
    }

    @Test
    void aChainIsWithdrawnNewestFirstOnRequest() throws IOException {
        ImportStatus a = imports.importNow(ImportKind.HAZARDS, write("C1.csv", HEADER + rows("CH", 0, 5, "电线老化")),
                "C1.csv");
        ImportStatus b = imports.importNow(ImportKind.HAZARDS, write("C2.csv", HEADER + rows("CH", 0, 5, "电线老化")
                .replace("电线老化,一般", "电线老化严重,一般")), "C2.csv");
        assertThat(b.changes()).isEqualTo(new ImportService.Changes(0, 5, 0));

        imports.withdraw(a.id(), "整批重来", true, "admin");

        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE hazard_no LIKE 'CH-%'", Long.class))
                .isZero();
        assertThat(imports.status(b.id()).orElseThrow().status()).isEqualTo("WITHDRAWN");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard_history WHERE hazard_no LIKE 'CH-%'",
                Long.class)).isZero();
    }

    @Test
    void reImportingAnUnchangedFileChangesNothingAndSaysSo() throws IOException {
        String csv = HEADER + rows("RE", 0, 8, "燃气软管老化");
        imports.importNow(ImportKind.HAZARDS, write("R1.csv", csv), "R1.csv");
        List<Map<String, Object>> before = hazards();

        ImportStatus again = imports.importNow(ImportKind.HAZARDS, write("R2.csv", csv), "R2.csv");

        assertThat(again.changes()).isEqualTo(new ImportService.Changes(0, 0, 8));
        assertThat(again.written()).isZero();
        assertThat(hazards()).isEqualTo(before);
    }

    @Test
    void aLedgerWithoutIdsKeyedOnFileAndLineKeepsIdenticalLinesAndAReimportChangesNothing() throws IOException {
        String book = """
                日期,村,行业,问题,等级
                2023-05-06,诸佛庵村,消防,电动车楼道充电,一般
                2023-05-06,诸佛庵村,消防,电动车楼道充电,一般
                2023-05-06,诸佛庵村,消防,电动车楼道充电,一般
                2023-05-07,漫水河社区,燃气,液化气罐未固定,一般
                """;
        long before = jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class);

        ImportStatus first = imports.importNow(ImportKind.HAZARDS, write("巡查记录本.csv", book), "巡查记录本.csv");
        ImportStatus second = imports.importNow(ImportKind.HAZARDS, write("巡查记录本.csv", book), "巡查记录本.csv");

        assertThat(first.rejected()).isZero();
        assertThat(first.changes()).isEqualTo(new ImportService.Changes(4, 0, 0));
        assertThat(second.changes()).isEqualTo(new ImportService.Changes(0, 0, 4));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class)).isEqualTo(before + 4);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE description = '电动车楼道充电'",
                Long.class)).isEqualTo(3);
    }

    @Test
    void theApiSaysWhatAnImportChangedAndWithdrawsItOrSaysWhoStandsInTheWay() throws Exception {
        ImportStatus a = imports.importNow(ImportKind.HAZARDS, write("api-A.csv", HEADER + rows("AP", 0, 3, "线路私拉乱接")),
                "api-A.csv");
        ImportStatus b = imports.importNow(ImportKind.HAZARDS, write("api-B.csv", HEADER + rows("AP", 0, 4, "线路私拉乱接")
                .replace("AP-000,2023-03-01,诸佛庵镇,诸佛庵村,某店,,消防,线路私拉乱接", "AP-000,2023-03-01,诸佛庵镇,诸佛庵村,某店,,消防,线路老化")),
                "api-B.csv");

        mvc.perform(get("/api/imports/" + b.id()).with(TestLogins.admin()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.added").value(1))
                .andExpect(jsonPath("$.updated").value(1))
                .andExpect(jsonPath("$.unchanged").value(2))
                .andExpect(jsonPath("$.written").value(2))
                .andExpect(jsonPath("$.changes[0].key").value("AP-000"))
                .andExpect(jsonPath("$.changes[0].fields[0].before").value("线路私拉乱接"))
                .andExpect(jsonPath("$.changes[0].fields[0].after").value("线路老化"));
        mvc.perform(post("/api/imports/" + a.id() + "/withdraw").param("reason", "导错了")
                        .with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.dependents[0].id").value(b.id()))
                .andExpect(jsonPath("$.detail", containsString("api-B.csv")));
        mvc.perform(post("/api/imports/" + b.id() + "/withdraw").with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isBadRequest()).andExpect(jsonPath("$.parameter").value("reason"));
        mvc.perform(post("/api/imports/" + b.id() + "/withdraw").param("reason", "旧版本")
                        .with(TestLogins.leader("341525106000")).with(csrf()))
                .andExpect(status().isForbidden());
        mvc.perform(post("/api/imports/" + b.id() + "/withdraw").param("reason", "旧版本")
                        .with(TestLogins.admin()).with(csrf()))
                .andExpect(status().isOk()).andExpect(jsonPath("$.status").value("WITHDRAWN"));
        assertThat(jdbc.queryForObject("SELECT description FROM fact_hazard WHERE hazard_no = 'AP-000'", String.class))
                .isEqualTo("线路私拉乱接");
        mvc.perform(get("/imports/" + a.id()).with(TestLogins.admin()))
                .andExpect(status().isOk()).andExpect(content().string(containsString("撤销这次导入")));
    }

    @Test
    void withdrawingAnEnterpriseChangeReopensThePreviousVersionAndANewEnterpriseInUseCannotGoAlone()
            throws IOException {
        String header = String.join(",", ImportKind.ENTERPRISES.headers()) + "\n";
        imports.importNow(ImportKind.ENTERPRISES, write("ent1.csv", header
                + "91341525MA2N000071,某竹制品厂,诸佛庵镇,诸佛庵村,工贸,小微企业,否,否,否,,,\n"), "ent1.csv");
        List<Map<String, Object>> before = enterprises();
        ImportStatus change = imports.importNow(ImportKind.ENTERPRISES, write("ent2.csv", header
                + "91341525MA2N000071,某竹制品厂,诸佛庵镇,诸佛庵村,工贸,规上企业,否,是,否,,,2024-01-01\n"
                + "91341525MA2N000072,某茶厂,诸佛庵镇,诸佛庵村,工贸,小微企业,否,否,否,,,\n"), "ent2.csv");
        assertThat(change.changes()).isEqualTo(new ImportService.Changes(1, 1, 0));
        assertThat(enterprises()).hasSize(3);
        // a hazard at the new enterprise: the enterprise import now stands under it
        ImportStatus hazard = imports.importNow(ImportKind.HAZARDS, write("ent-h.csv", HEADER
                + "EN-001,2024-02-01,诸佛庵镇,诸佛庵村,某茶厂,91341525MA2N000072,工贸,粉尘清扫不及时,一般,,,,,,,待整改,,,,,,,\n"),
                "ent-h.csv");

        assertThatThrownBy(() -> imports.withdraw(change.id(), "规模填错", false, "admin"))
                .isInstanceOf(ImportService.WithdrawalRefused.class).hasMessageContaining("ent-h.csv");
        imports.withdraw(change.id(), "规模填错", true, "admin");

        assertThat(enterprises()).isEqualTo(before);
        assertThat(imports.status(hazard.id()).orElseThrow().status()).isEqualTo("WITHDRAWN");
    }

    /** Rows {@code from} … {@code to - 1}: WD-001 found 2023-03-02, one a day, open, in 诸佛庵村. */
    private static String rows(String prefix, int from, int to, String description) {
        StringBuilder csv = new StringBuilder();
        for (int i = from; i < to; i++) {
            csv.append(String.format("%s-%03d,2023-03-%02d,诸佛庵镇,诸佛庵村,某店,,消防,%s,一般,,,,,,,待整改,,,,,,,%n",
                    prefix, i, i + 1, description));
        }
        return csv.toString();
    }

    private List<Map<String, Object>> enterprises() {
        return jdbc.queryForList("SELECT * FROM dim_enterprise WHERE enterprise_code LIKE '91341525MA2N00007%'"
                + " ORDER BY enterprise_code, valid_from");
    }

    private long martFound() {
        return jdbc.queryForObject("SELECT coalesce(sum(found_count), 0) FROM mart_hazard_month", Long.class);
    }

    private List<Map<String, Object>> hazards() {
        return new ArrayList<>(jdbc.queryForList("SELECT * FROM fact_hazard WHERE hazard_no LIKE 'WD-%'"
                + " ORDER BY hazard_no"));
    }

    private Path write(String name, String content) throws IOException {
        Path dir = Files.createTempDirectory(files, "f");
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
