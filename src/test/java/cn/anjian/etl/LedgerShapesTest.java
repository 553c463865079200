package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.poi.ss.util.CellRangeAddress;
import org.junit.jupiter.api.Test;

/**
 * The pieces of reading real ledger shapes that need no warehouse (issue #15): enclosed-number splitting, the
 * tolerant header match, the merged-region scan of an .xlsx sheet part and the profile's {@code year}.
 */
class LedgerShapesTest {

    @Test
    void parenthesizedAndCircledNumbersSplitLikeOneDotTwoDot() {
        assertThat(LedgerMapper.splitNumbered("⑴临边防护缺失\n⑵配电箱未上锁\n⑶安全帽未佩戴"))
                .containsExactly("临边防护缺失", "配电箱未上锁", "安全帽未佩戴");
        // circled numbers mark items even on one line; the separator before the next is not part of the item
        assertThat(LedgerMapper.splitNumbered("①灭火器过期；②消防通道堵塞；③应急照明损坏"))
                .containsExactly("灭火器过期", "消防通道堵塞", "应急照明损坏");
        assertThat(LedgerMapper.splitNumbered("检查发现：\n⒈灭火器过期\n⒉消防通道堵塞"))
                .containsExactly("灭火器过期", "消防通道堵塞");
        // one item, or numbers out of sequence, stay one record
        // the text before the first item belongs to every item; a number inside a clause is not an item
        assertThat(LedgerMapper.splitNumbered("三楼仓库：①灭火器过期；②通道堵塞"))
                .containsExactly("三楼仓库：灭火器过期", "三楼仓库：通道堵塞");
        assertThat(LedgerMapper.splitNumbered("配电箱⑴号柜门损坏，⑵号柜未上锁")).isEmpty();
        assertThat(LedgerMapper.splitNumbered("二号工点\n1.临边防护缺失\n2.配电箱未上锁"))
                .containsExactly("二号工点：临边防护缺失", "二号工点：配电箱未上锁");
        assertThat(LedgerMapper.splitNumbered("①灭火器过期")).isEmpty();
        assertThat(LedgerMapper.splitNumbered("②灭火器过期；④消防通道堵塞")).isEmpty();
        // the forms that split before still do
        assertThat(LedgerMapper.splitNumbered("1.灭火器过期\n2.消防通道堵塞")).containsExactly("灭火器过期", "消防通道堵塞");
    }

    @Test
    void aTolerantHeaderMatchIgnoresBracketsAndSpacesButNotAUnitOfMoney() {
        assertThat(LedgerMapper.loose("整改期限（日期）")).isEqualTo(LedgerMapper.loose("整改期限"));
        assertThat(LedgerMapper.loose(" 检查 时间 [必填]")).isEqualTo(LedgerMapper.loose("检查时间"));
        assertThat(LedgerMapper.loose("整改资金（万元）")).isNotEqualTo(LedgerMapper.loose("整改资金(元)"));
    }

    @Test
    void mergedRegionsAreFoundInASheetPartWhateverItsPrefixAndChunking() throws Exception {
        String padding = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" + "长".repeat(40_000) + "</t></is></c></row>";
        String xml = "<worksheet><sheetData>" + padding + "</sheetData><x:mergeCells count=\"3\">"
                + "<x:mergeCell ref=\"B3:B5\"/><mergeCell ref=\"C6:D8\"/><mergeCell ref=\"E9\"/></x:mergeCells></worksheet>";
        var regions = LedgerRows.mergedRegions(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertThat(regions).extracting(CellRangeAddress::formatAsString).containsExactly("B3:B5", "C6:D8", "E9");
    }

    @Test
    void aProfileYearIsAYearOrAMonth() {
        Map<String, Object> doc = new java.util.LinkedHashMap<>(Map.of("kind", "hazards", "year", "2025-8"));
        assertThat(MappingProfile.fromYaml("p", doc).period()).isEqualTo("2025-08");
        doc.put("year", 2025);
        assertThat(MappingProfile.fromYaml("p", doc).period()).isEqualTo("2025");
        doc.put("year", "25");
        assertThatThrownBy(() -> MappingProfile.fromYaml("p", doc)).hasMessageContaining("year 应写作年份");
        doc.put("year", 2025);
        doc.put("region_prefixes", java.util.List.of("中铁十局", " "));
        assertThat(MappingProfile.fromYaml("p", doc).regionPrefixes()).containsExactly("中铁十局");
    }
}
