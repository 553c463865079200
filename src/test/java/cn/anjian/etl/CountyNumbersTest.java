package cn.anjian.etl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In a county warehouse two towns may number their ledgers alike. A record whose number another town's record holds
 * is refused with the town named, and the other town's record stays as it was: a town's import never overwrites or
 * moves another town's rows.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CountyNumbersTest {

    @TempDir
    static Path folder;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> folder.resolve("county.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> folder.resolve("work").toString());
    }

    @Autowired
    LedgerImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    static final String REGIONS = """
            区划代码,名称,级别,上级区划代码,启用日期,撤并日期,并入区划代码,演示数据
            341525000000,霍山县,县,,,,,否
            341525106000,诸佛庵镇,镇,341525000000,,,,否
            341525106201,诸佛庵村,村,341525106000,,,,否
            341525107000,落儿岭镇,镇,341525000000,,,,否
            341525107201,落儿岭村,村,341525107000,,,,否
            341525107202,古楼冲村,村,341525107000,,,,否
            """;
    static final String HEADER = "隐患编号,发现日期,所属乡镇,村(社区),隐患单位或部位,统一社会信用代码,行业领域,隐患描述,隐患等级\n";

    @Test
    void aNumberAnotherTownHoldsIsRefusedAndThatTownsRecordStays() throws IOException {
        assertThat(imports.importNow(ImportKind.REGIONS, write("regions.csv", REGIONS), "regions.csv").status())
                .isEqualTo("COMPLETED");
        var first = imports.importNow(ImportKind.HAZARDS, write("诸佛庵镇隐患台账.csv", HEADER
                + "YH-2024-001,2024-03-01,诸佛庵镇,诸佛庵村,某饭店,,燃气,钢瓶未固定,一般\n"
                + "YH-2024-002,2024-03-02,诸佛庵镇,诸佛庵村,某商店,,消防,灭火器过期,一般\n"), "诸佛庵镇隐患台账.csv");
        assertThat(first.written()).isEqualTo(2);

        // 落儿岭镇 numbers its ledger the same way: its 001 collides with 诸佛庵镇's, its 003 is new
        var second = imports.importNow(ImportKind.HAZARDS, write("落儿岭镇隐患台账.csv", HEADER
                + "YH-2024-001,2024-04-01,落儿岭镇,落儿岭村,某加油站,,危险化学品,防火堤破损,一般\n"
                + "YH-2024-003,2024-04-02,落儿岭镇,古楼冲村,某民房,,城乡自建房,墙体开裂,一般\n"), "落儿岭镇隐患台账.csv");

        assertThat(second.status()).isEqualTo("COMPLETED");
        assertThat(second.written()).isEqualTo(1);
        assertThat(second.rejected()).isEqualTo(1);
        List<ImportService.Reject> rejects = imports.rejects(second.id());
        assertThat(rejects).singleElement().satisfies(r -> {
            assertThat(r.row()).isEqualTo(2L);
            assertThat(r.field()).isEqualTo("隐患编号");
            assertThat(r.reason()).contains("编号已是「诸佛庵镇」的记录");
        });
        assertThat(jdbc.queryForMap("SELECT region_code, description FROM fact_hazard WHERE hazard_no = 'YH-2024-001'"))
                .containsEntry("region_code", "341525106201").containsEntry("description", "钢瓶未固定");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard", Long.class)).isEqualTo(3L);

        // the town that holds the number still corrects its own record
        var correction = imports.importNow(ImportKind.HAZARDS, write("诸佛庵镇隐患台账-更正.csv", HEADER
                + "YH-2024-001,2024-03-01,诸佛庵镇,诸佛庵村,某饭店,,燃气,钢瓶未固定已整改,一般\n"), "诸佛庵镇隐患台账-更正.csv");
        assertThat(correction.rejected()).isZero();
        assertThat(jdbc.queryForObject("SELECT description FROM fact_hazard WHERE hazard_no = 'YH-2024-001'",
                String.class)).isEqualTo("钢瓶未固定已整改");
    }

    /** A corrected regions ledger that moves a village to another town moves its town code too. */
    @Test
    void aVillageMovedToAnotherTownTakesThatTownsCode() throws IOException {
        String header = REGIONS.lines().findFirst().orElseThrow() + "\n";
        imports.importNow(ImportKind.REGIONS, write("regions.csv", REGIONS), "regions.csv");
        imports.importNow(ImportKind.REGIONS, write("新村.csv", header
                + "341525107209,新建村,村,341525107000,,,,否\n"), "新村.csv");
        assertThat(town("341525107209")).isEqualTo("341525107000");

        imports.importNow(ImportKind.REGIONS, write("新村-更正.csv", header
                + "341525107209,新建村,村,341525106000,,,,否\n"), "新村-更正.csv");

        assertThat(town("341525107209")).isEqualTo("341525106000");
    }

    private String town(String village) {
        return jdbc.queryForObject("SELECT town_code FROM dim_region WHERE region_code = ?", String.class, village);
    }

    private static Path write(String name, String content) throws IOException {
        Path file = folder.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
