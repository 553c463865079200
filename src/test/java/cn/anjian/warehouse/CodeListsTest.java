package cn.anjian.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import cn.anjian.warehouse.CodeLists.Code;
import cn.anjian.warehouse.CodeLists.Kind;

/** The code-list file users edit: what it accepts, and every mistake named with its file and line. */
class CodeListsTest {

    private static final String MINIMAL = """
            sectors:
              - code: fire
                zh: 消防
                headline: true
              - code: crowded_place
                zh: 人员密集场所
            enforcement_actions:
              - {code: reminder, zh: 首查服务提醒, stage: 1}
              - {code: warning, zh: 再查警告警示, stage: 2}
              - {code: penalty, zh: 三查依法查处, stage: 3}
              - {code: blacklist, zh: 纳入黑名单}
            hazard_levels:
              - {code: general, zh: 一般隐患}
              - {code: major, zh: 重大隐患}
            inspection_types:
              - {code: monthly, zh: 月度排查}
              - {code: double_random, zh: 双随机抽查}
            """;

    @Test
    void theShippedFileHoldsTheHeadlineSectorsTheCampaignsSectorsAndTheLawsMeasures() throws IOException {
        CodeLists codes = CodeLists.parse(CodeLists.FILE, Files.readString(Path.of(CodeLists.FILE)));

        assertThat(codes.of(Kind.SECTORS).stream().filter(Code::headline).map(Code::zh))
                .containsExactly("消防", "道路交通", "城镇燃气", "自建房", "森林防火");
        assertThat(codes.of(Kind.SECTORS).stream().map(Code::zh)).contains("建筑施工", "危险化学品", "特种设备",
                "人员密集场所", "油气管线", "民爆物品", "水上交通", "渔业船舶", "农业机械", "电力", "旅游", "工贸");
        assertThat(codes.of(Kind.ENFORCEMENT_ACTIONS).stream().flatMap(c -> c.aliases().stream())).contains(
                "责令改正", "责令限期整改", "责令停产停业整顿", "警告", "罚款", "没收违法所得", "暂扣证照", "吊销证照",
                "关闭");
        assertThat(codes.of(Kind.ENFORCEMENT_ACTIONS)).filteredOn(c -> c.code().equals("warning"))
                .singleElement().extracting(Code::stage).isEqualTo(2);
        assertThat(codes.of(Kind.HAZARD_LEVELS).stream().map(Code::code)).containsExactly("general", "major");
    }

    @Test
    void aSubSectorFollowsItsParentAndTakesItsHeadlineFlag() {
        CodeLists codes = CodeLists.parse("codes.yaml", MINIMAL.replace("""
                  - code: crowded_place
                    zh: 人员密集场所
                """, """
                  - code: catering
                    zh: 餐饮
                    parent: crowded_place
                    aliases: [餐馆, 饭店]
                  - code: crowded_place
                    zh: 人员密集场所
                  - code: e_bike
                    zh: 电动自行车
                    parent: fire
                """));

        assertThat(codes.of(Kind.SECTORS).stream().map(Code::code))
                .containsExactly("fire", "e_bike", "crowded_place", "catering");
        assertThat(codes.of(Kind.SECTORS).get(1).headline()).isTrue();
        assertThat(codes.of(Kind.SECTORS).get(3).aliases()).containsExactly("catering", "餐饮", "餐馆", "饭店");
    }

    @Test
    void aDuplicateCodeIsRefusedWithBothLines() {
        assertProblem(MINIMAL.replace("code: crowded_place", "code: fire"), 5, "代码 fire 重复 (第 2 行已有)");
    }

    @Test
    void aSpellingOfTwoCodesIsRefused() {
        assertProblem(MINIMAL.replace("zh: 人员密集场所", "zh: 人员密集场所\n    aliases: [消防]"), 7,
                "写法「消防」同时属于行业领域 fire (第 2 行) 和 crowded_place");
    }

    @Test
    void anUnknownParentIsRefusedNamingTheSectorsThatCanBeOne() {
        assertProblem(MINIMAL.replace("zh: 人员密集场所", "zh: 人员密集场所\n    parent: crowds"), 5,
                "上级「crowds」不在 sectors 中。可用: fire");
    }

    @Test
    void aParentThatIsItselfASubSectorIsRefused() {
        String text = MINIMAL.replace("zh: 人员密集场所", "zh: 人员密集场所\n    parent: fire");
        text = text.replace("enforcement_actions:", "  - {code: catering, zh: 餐饮, parent: crowded_place}\n"
                + "enforcement_actions:");
        assertProblem(text, 8, "行业领域只分两级");
    }

    @Test
    void aCodeTheStatisticsNameCannotBeRemoved() {
        assertProblem(MINIMAL.replace("  - {code: major, zh: 重大隐患}\n", ""), 12, "隐患等级缺少代码 major");
    }

    @Test
    void anUnknownSettingOrBadCodeIsRefusedWithItsLine() {
        assertProblem(MINIMAL.replace("headline: true", "headlines: true"), 4, "没有设置项「headlines」");
        assertProblem(MINIMAL.replace("code: crowded_place", "code: Crowded Place"), 5, "只能含小写字母");
        assertProblem(MINIMAL.replace(", stage: 2}", "}"), 9, "执法措施 warning 应有 stage: 2");
        assertProblem(MINIMAL.replace("stage: 3", "stage: 4"), 10, "stage 应为 1、2 或 3");
        assertThatThrownBy(() -> CodeLists.parse("etl/codes.yaml", MINIMAL.replace("    zh: 消防\n",
                "    zh: 消防\n   en: Fire\n"))).hasMessageStartingWith("代码表文件 etl/codes.yaml 第 ")
                .hasMessageContaining("YAML 格式错误");
    }

    private static void assertProblem(String text, int line, String reason) {
        assertThatThrownBy(() -> CodeLists.parse("etl/codes.yaml", text))
                .isInstanceOf(CodeLists.Invalid.class)
                .hasMessageContaining("代码表文件 etl/codes.yaml 第 " + line + " 行")
                .hasMessageContaining(reason);
    }
}
