package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The campaign's record kinds (issue #16) through the real import job: each from a GBK CSV with exact counts,
 * values and rejects, then the same rows as an .xlsx (title row, real date cells), which changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class CampaignImportTest {

    @TempDir
    static Path warehouse;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("test.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
    }

    static final Charset GBK = Charset.forName("GBK");
    static final String TEA = "N";     // prefix of the code of an enterprise without a credit code
    static final String CHEM = "91341525MA2N00000X";

    @Autowired
    ImportService imports;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void townAndEnterprises() throws IOException {
        if (count("dim_region") == 0) {
            assertThat(imports.importNow(ImportKind.REGIONS, write("regions.csv", ImportJobTest.REGIONS,
                    StandardCharsets.UTF_8), "regions.csv").status()).isEqualTo("COMPLETED");
            String enterprises = String.join(",", ImportKind.ENTERPRISES.headers()) + "\n"
                    + ",诸佛庵茶业有限公司,诸佛庵镇,诸佛庵村,工贸,规上企业,否,是,否,,,\n"
                    + CHEM + ",漫水河化工有限公司,诸佛庵镇,漫水河社区,危化品,规上企业,是,是,否,,,\n";
            assertThat(imports.importNow(ImportKind.ENTERPRISES, write("e.csv", enterprises, StandardCharsets.UTF_8),
                    "e.csv").written()).isEqualTo(2);
            jdbc.update("INSERT INTO campaign_task (campaign_id, task_id, title) VALUES ('test', 'T-1', '测试任务')");
        }
    }

    @Test
    void drills() throws IOException {
        var rows = List.of(
                List.of("YL-T-1", "2023-03-10", "诸佛庵镇", "诸佛庵村", "诸佛庵茶业有限公司", "", "火灾疏散演练", "35", "企业安全部", ""),
                List.of("", "2023-09-12", "", "漫水河社区", "", CHEM, "危化品泄漏处置", "20", "", ""),
                List.of("YL-T-3", "2023-04-01", "诸佛庵镇", "诸佛庵村", "不存在的公司", "", "触电急救", "10", "", ""),
                List.of("YL-T-4", "2023-04-02", "诸佛庵镇", "诸佛庵村", "诸佛庵茶业有限公司", "", "", "10", "", ""),
                List.of("YL-T-5", "2023-04-03", "诸佛庵镇", "诸佛庵村", "", "", "地震", "abc", "", ""));
        check(ImportKind.DRILLS, "fact_drill", rows, 2,
                tuple(4L, "单位名称", "未知的生产经营单位: 生产经营单位台账中没有这个名称或信用代码"),
                tuple(5L, "演练预案或科目", "必填项为空"),
                tuple(6L, "单位名称", "必填项为空 (填写单位名称、统一社会信用代码或企业内部编号)"),
                tuple(6L, "参加人数", "不是整数"));
        Map<String, Object> first = jdbc.queryForMap("SELECT * FROM fact_drill WHERE drill_no = 'YL-T-1'");
        assertThat(first).containsEntry("region_code", "341525106201").containsEntry("participants", 35)
                .containsEntry("drill_date", LocalDate.of(2023, 3, 10)).containsEntry("scenario", "火灾疏散演练");
        assertThat((String) first.get("enterprise_code")).startsWith(TEA);
        Map<String, Object> second = jdbc.queryForMap("SELECT * FROM fact_drill WHERE drill_no LIKE 'YL-%' AND drill_no <> 'YL-T-1'");
        assertThat(second).containsEntry("enterprise_code", CHEM).containsEntry("region_code", "341525106202")
                .containsEntry("drill_date", LocalDate.of(2023, 9, 12));
        assertThat((String) second.get("drill_no")).matches("YL-[0-9a-f]{16}");
    }

    @Test
    void trainings() throws IOException {
        var rows = List.of(
                List.of("", "2023-05-06", "诸佛庵镇", "诸佛庵村", "王五", "主要负责人", "诸佛庵茶业有限公司", "", "警示教育", "4", "是", ""),
                List.of("PX-T-2", "2023-05-07", "诸佛庵镇", "漫水河社区", "赵六", "特种作业", "", CHEM, "安全技能培训", "2.5", "否", ""),
                List.of("PX-T-3", "2023-05-08", "诸佛庵镇", "诸佛庵村", "钱七", "厨师", "", "", "岗前", "2", "", ""),
                List.of("PX-T-4", "2099-01-01", "诸佛庵镇", "诸佛庵村", "孙八", "从业人员", "", "", "岗前", "2", "", ""),
                List.of("PX-T-5", "2023-05-09", "诸佛庵镇", "诸佛庵村", "孙九", "从业人员", "", "", "实操", "很久", "", ""),
                List.of("PX-T-6", "2023-05-10", "诸佛庵镇", "诸佛庵村", "周十", "从业人员", "", "", "岗前", "2", "", ""));
        check(ImportKind.TRAININGS, "fact_training", rows, 3,
                tuple(4L, "人员类别", "无法识别的取值 (不在代码表或同义词表中)"),
                tuple(5L, "培训日期", "日期晚于今天 (读作 2099-01-01)"),
                tuple(6L, "学时", "学时应为数字 (如 2 或 1.5)"));
        Map<String, Object> head = jdbc.queryForMap("SELECT * FROM fact_training WHERE person_name = '王五'");
        assertThat(head).containsEntry("person_role", "principal").containsEntry("training_type", "warning_education")
                .containsEntry("passed", true).containsEntry("target_name", "诸佛庵茶业有限公司");
        // a blank 考核合格 is not stated, not passed: it stays out of the pass rate
        assertThat(jdbc.queryForList("SELECT passed FROM fact_training WHERE person_name = '周十'", Boolean.class))
                .containsExactly((Boolean) null);
        assertThat((BigDecimal) head.get("hours")).isEqualByComparingTo("4");
        assertThat((String) head.get("enterprise_code")).startsWith(TEA);
        assertThat(jdbc.queryForMap("SELECT * FROM fact_training WHERE training_no = 'PX-T-2'"))
                .containsEntry("person_role", "special_operator").containsEntry("training_type", "safety_skills")
                .containsEntry("passed", false).containsEntry("enterprise_code", CHEM);
    }

    @Test
    void tipoffs() throws IOException {
        var rows = List.of(
                List.of("JB-T-1", "2023-06-01", "12350", "诸佛庵镇", "诸佛庵村", "燃气", "某饭店", "", "液化气钢瓶存放在地下室", "是", "安监所", "", "2023-06-20", "500元"),
                List.of("JB-T-2", "2023-06-02", "网上举报", "诸佛庵镇", "漫水河社区", "消防", "", "", "电动车楼道充电", "否", "派出所", "2023-06-10", "", ""),
                List.of("JB-T-3", "2023-06-03", "飞鸽传书", "诸佛庵镇", "诸佛庵村", "消防", "", "", "内容", "", "", "", "", ""),
                List.of("JB-T-4", "2023-06-04", "12345", "诸佛庵镇", "诸佛庵村", "消防", "", "", "内容", "", "", "", "2023-06-01", ""),
                List.of("JB-T-5", "2023-06-05", "12350", "诸佛庵镇", "诸佛庵村", "消防", "", "", "", "", "", "", "", ""));
        check(ImportKind.TIPOFFS, "fact_tipoff", rows, 2,
                tuple(4L, "举报渠道", "无法识别的取值 (不在代码表或同义词表中)"),
                tuple(5L, "办结日期", "办结日期早于受理日期"),
                tuple(6L, "举报内容", "必填项为空"));
        Map<String, Object> first = jdbc.queryForMap("SELECT * FROM fact_tipoff WHERE tipoff_no = 'JB-T-1'");
        assertThat(first).containsEntry("channel", "hotline_12350").containsEntry("sector_code", "town_gas")
                .containsEntry("substantiated", true).containsEntry("department_code", "safety_office")
                .containsEntry("deadline_date", LocalDate.of(2023, 7, 1)).containsEntry("closed_date", LocalDate.of(2023, 6, 20))
                .containsEntry("target_name", "某饭店");
        assertThat((BigDecimal) first.get("reward_yuan")).isEqualByComparingTo("500");
        assertThat(jdbc.queryForMap("SELECT * FROM fact_tipoff WHERE tipoff_no = 'JB-T-2'"))
                .containsEntry("channel", "online").containsEntry("substantiated", false)
                .containsEntry("deadline_date", LocalDate.of(2023, 6, 10)).containsEntry("closed_date", null);
    }

    @Test
    void headDuties() throws IOException {
        var rows = List.of(
                List.of("", "2023-03-20", "诸佛庵镇", "诸佛庵村", "诸佛庵茶业有限公司", "", "李总", "季度安全检查", "2", ""),
                List.of("", "2023-12-28", "诸佛庵镇", "漫水河社区", "", CHEM, "周总", "述职", "", ""),
                List.of("", "2023-06-20", "诸佛庵镇", "诸佛庵村", "诸佛庵茶业有限公司", "", "李总", "喝茶", "", ""),
                List.of("", "2023-03-20", "诸佛庵镇", "诸佛庵村", "诸佛庵茶业有限公司", "", "李总", "安全检查", "1", ""));
        check(ImportKind.HEAD_DUTIES, "fact_head_duty", rows, 2,
                tuple(4L, "类别", "无法识别的取值 (不在代码表或同义词表中)"),
                tuple(5L, "记录编号", "与第 2 行的编号重复"));
        assertThat(jdbc.queryForList("SELECT duty_type FROM fact_head_duty ORDER BY duty_date", String.class))
                .containsExactly("quarterly_check", "annual_report");
        assertThat(jdbc.queryForMap("SELECT * FROM fact_head_duty WHERE duty_type = 'quarterly_check'"))
                .containsEntry("hazards_found", 2).containsEntry("head_name", "李总");
    }

    @Test
    void doorKnocks() throws IOException {
        var rows = List.of(
                List.of("", "2023-01-10", "诸佛庵镇", "诸佛庵村", "陈奶奶", "独居老人", "村干部张三", "", "3", "2", ""),
                List.of("", "2023-01-11", "诸佛庵镇", "漫水河社区", "刘爷爷", "空巢老人", "民警李四", "派出所", "1", "1", ""),
                List.of("", "2023-01-12", "诸佛庵镇", "诸佛庵村", "吴家", "富户", "", "", "0", "0", ""),
                List.of("", "2023-01-13", "诸佛庵镇", "诸佛庵村", "郑家", "残疾人", "", "", "1", "3", ""));
        check(ImportKind.DOOR_KNOCKS, "fact_door_knock", rows, 2,
                tuple(4L, "对象类别", "无法识别的取值 (不在代码表或同义词表中)"),
                tuple(5L, "整改问题数", "整改问题数多于发现问题数"));
        assertThat(jdbc.queryForMap("SELECT * FROM fact_door_knock WHERE household = '陈奶奶'"))
                .containsEntry("household_type", "elderly_alone").containsEntry("problems_found", 3)
                .containsEntry("problems_fixed", 2).containsEntry("department_code", null);
        assertThat(jdbc.queryForMap("SELECT * FROM fact_door_knock WHERE household = '刘爷爷'"))
                .containsEntry("household_type", "elderly_alone").containsEntry("department_code", "police");
    }

    @Test
    void publicity() throws IOException {
        var rows = List.of(
                List.of("", "2023-06-16", "诸佛庵镇", "诸佛庵村", "安监所", "安全生产月", "安全生产月咨询日", "300", ""),
                List.of("", "2023-11-09", "诸佛庵镇", "漫水河社区", "派出所", "119消防月", "消防进社区", "120", ""),
                List.of("", "2023-11-10", "诸佛庵镇", "漫水河社区", "", "七进", "", "50", ""),
                List.of("", "2023-11-11", "诸佛庵镇", "漫水河社区", "宣传部", "七进", "进学校", "50", ""));
        check(ImportKind.PUBLICITY, "fact_publicity", rows, 2,
                tuple(4L, "活动名称", "必填项为空"),
                tuple(5L, "主办单位", "无法识别的取值 (不在代码表或同义词表中)"));
        assertThat(jdbc.queryForList("SELECT event_kind || ':' || audience FROM fact_publicity ORDER BY event_date",
                String.class)).containsExactly("safety_month:300", "fire_month:120");
    }

    @Test
    void taskProgress() throws IOException {
        var rows = List.of(
                List.of("", "2023-03-31", "T-1", "诸佛庵镇", "安监所", "推进中", "诸安监〔2023〕3号", ""),
                List.of("", "2023-06-30", "T-1", "", "诸佛庵村", "已完成", "http://example.org/1", ""),
                List.of("", "2023-06-30", "T-X", "", "诸佛庵村", "已完成", "", ""),
                List.of("", "2023-06-30", "T-1", "", "宣传部", "已完成", "", ""),
                List.of("", "2023-06-30", "T-1", "", "漫水河社区", "差不多了", "", ""));
        check(ImportKind.TASK_PROGRESS, "fact_task_progress", rows, 2,
                tuple(4L, "任务编号", "未知的任务编号: 专项行动方案 (dashboards/campaigns/) 中没有"),
                tuple(5L, "责任单位", "未知的责任单位: 既不是安委会成员单位，也不是区划表中的村(社区)"),
                tuple(6L, "进展状态", "无法识别的取值 (不在代码表或同义词表中)"));
        assertThat(jdbc.queryForMap("SELECT * FROM fact_task_progress WHERE unit_kind = 'department'"))
                .containsEntry("unit_code", "safety_office").containsEntry("home_code", "341525106000")
                .containsEntry("region_code", null).containsEntry("progress", "in_progress")
                .containsEntry("evidence", "诸安监〔2023〕3号");
        assertThat(jdbc.queryForMap("SELECT * FROM fact_task_progress WHERE unit_kind = 'village'"))
                .containsEntry("unit_code", "341525106201").containsEntry("home_code", "341525106201")
                .containsEntry("progress", "done");
    }

    /**
     * Imports the rows as a GBK CSV (header row 1) and checks counts and rejects; then the same rows as an .xlsx
     * with a title row (so one row further down) and date cells, which must find every record unchanged.
     */
    private void check(ImportKind kind, String table, List<List<String>> rows, int written, Tuple... rejects)
            throws IOException {
        StringBuilder csv = new StringBuilder(String.join(",", kind.headers())).append('\n');
        rows.forEach(r -> csv.append(String.join(",", r)).append('\n'));
        var status = imports.importNow(kind, write(kind.code() + ".csv", csv.toString(), GBK), kind.code() + ".csv");

        assertThat(status.status()).isEqualTo("COMPLETED");
        assertThat(status.read()).isEqualTo(rows.size());
        assertThat(status.written()).isEqualTo(written);
        assertThat(status.rejected()).isEqualTo(rows.size() - written);
        assertThat(count(table)).isEqualTo(written);
        // an unknown code's reason goes on with the nearest accepted values ("…；相近的可填值: …"): compared up to there
        assertThat(imports.rejects(status.id()))
                .extracting(ImportService.Reject::row, ImportService.Reject::field, r -> r.reason().split("；")[0])
                .containsExactlyInAnyOrder(rejects);
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * EXCLUDE (batch_id, source_file, source_row)"
                + " FROM " + table + " ORDER BY ALL");

        Path xlsx = files.resolve(kind.code() + ".xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
            Sheet sheet = book.createSheet(kind.labelZh() + "台账");
            sheet.createRow(0).createCell(0).setCellValue("诸佛庵镇" + kind.labelZh() + "台账");
            Row header = sheet.createRow(1);
            for (int i = 0; i < kind.headers().size(); i++) {
                header.createCell(i).setCellValue(kind.headers().get(i));
            }
            CellStyle dateStyle = book.createCellStyle();
            dateStyle.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(2 + r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String v = rows.get(r).get(c);
                    if (v.matches("\\d{4}-\\d{2}-\\d{2}")) {
                        row.createCell(c).setCellValue(LocalDate.parse(v));
                        row.getCell(c).setCellStyle(dateStyle);
                    } else if (!v.isEmpty()) {
                        row.createCell(c).setCellValue(v);
                    }
                }
            }
            book.write(out);
        }
        var again = imports.importNow(kind, xlsx, kind.code() + ".xlsx");

        assertThat(again.status()).isEqualTo("COMPLETED");
        assertThat(again.read()).isEqualTo(rows.size());
        assertThat(again.changes().added()).isZero();
        assertThat(again.changes().updated()).isZero();
        assertThat(again.changes().unchanged()).isEqualTo(written);
        List<Tuple> shifted = new ArrayList<>();
        for (Tuple t : rejects) {
            Object[] v = t.toArray();
            shifted.add(tuple((Long) v[0] + 1, v[1], ((String) v[2]).replace("第 2 行", "工作表「" + kind.labelZh()
                    + "台账」第 3 行")));
        }
        assertThat(imports.rejects(again.id()))
                .extracting(ImportService.Reject::row, ImportService.Reject::field, r -> r.reason().split("；")[0])
                .containsExactlyInAnyOrderElementsOf(shifted);
        assertThat(jdbc.queryForList("SELECT * EXCLUDE (batch_id, source_file, source_row) FROM " + table
                + " ORDER BY ALL")).isEqualTo(before);
    }

    private Path write(String name, String content, Charset charset) throws IOException {
        Path file = files.resolve(name);
        Files.writeString(file, content, charset);
        return file;
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
