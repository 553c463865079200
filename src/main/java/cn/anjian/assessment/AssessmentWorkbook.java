package cn.anjian.assessment;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import cn.anjian.assessment.Assessment.Column;
import cn.anjian.assessment.Assessment.ItemScore;
import cn.anjian.assessment.Assessment.UnitScore;
import cn.anjian.assessment.Assessment.VetoHit;
import cn.anjian.assessment.Scheme.UnitKind;

import org.springframework.stereotype.Component;

/**
 * Writes an assessment as the paper 考核评分表 clerks know: one row per unit, one column per item (grouped under
 * its section), then base points, bonus, final score, veto and grade; a second sheet lists every deduction, bonus
 * and veto with its arithmetic. Streamed with SXSSF so a county's units never sit in memory as a workbook.
 */
@Component
class AssessmentWorkbook {

    static final String SCORES = "考核评分表";
    static final String DETAILS = "扣分明细";
    private static final List<String> DETAIL_HEADERS = List.of("排名", "单位", "考核项", "满分", "指标值", "目标",
            "得分", "扣分/加分", "计算过程", "明细");

    void write(Assessment a, OutputStream out) throws IOException {
        SXSSFWorkbook workbook = new SXSSFWorkbook(200);
        try {
            Styles styles = new Styles(workbook);
            scores(workbook.createSheet(SCORES), a, styles);
            details(workbook.createSheet(DETAILS), a, styles);
            workbook.write(out);
        } finally {
            workbook.close();
        }
    }

    private void scores(Sheet sheet, Assessment a, Styles styles) {
        int columns = 2 + a.items().size() + 5;
        Row title = sheet.createRow(0);
        cell(title, 0, a.title() + "(" + UnitKind.of(a.unit()).zh() + ")", styles.title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));
        Row note = sheet.createRow(1);
        cell(note, 0, "统计期 " + a.from() + " 至 " + a.to() + ",状态截至 " + a.asOf()
                + ";满分 100 分,每项扣完为止;加分项另计;一票否决项评为不合格。"
                + a.notes().stream().map(n -> n + "。").reduce("", String::concat), null);
        sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, columns - 1));

        Row sections = sheet.createRow(2);
        Row headers = sheet.createRow(3);
        cell(sections, 0, "排名", styles.header);
        cell(sections, 1, "单位", styles.header);
        cell(headers, 0, "", styles.header);
        cell(headers, 1, "", styles.header);
        sheet.addMergedRegion(new CellRangeAddress(2, 3, 0, 0));
        sheet.addMergedRegion(new CellRangeAddress(2, 3, 1, 1));
        int c = 2;
        int start = c;
        String section = null;
        for (Column item : a.items()) {
            if (section != null && !section.equals(item.section())) {
                mergeSection(sheet, start, c - 1);
                start = c;
            }
            section = item.section();
            cell(sections, c, item.section(), styles.header);
            cell(headers, c, item.title() + "(" + AssessmentService.plain(item.max()) + "分)", styles.header);
            sheet.setColumnWidth(c, 14 * 256);
            c++;
        }
        mergeSection(sheet, start, c - 1);
        for (String h : List.of("基础得分", "加分", "总得分", "一票否决", "等次")) {
            cell(sections, c, h, styles.header);
            cell(headers, c, "", styles.header);
            sheet.addMergedRegion(new CellRangeAddress(2, 3, c, c));
            c++;
        }
        sheet.setColumnWidth(1, 16 * 256);
        headers.setHeightInPoints(48);

        int r = 4;
        for (UnitScore u : a.units()) {
            Row row = sheet.createRow(r++);
            number(row, 0, BigDecimal.valueOf(u.rank()), styles.body);
            cell(row, 1, u.name(), styles.body);
            int col = 2;
            for (ItemScore item : u.items()) {
                number(row, col++, item.points(), styles.body);
            }
            number(row, col++, u.total(), styles.body);
            number(row, col++, u.bonus(), styles.body);
            number(row, col++, u.score(), styles.body);
            cell(row, col++, u.vetoed() ? String.join(";", u.vetoes().stream().map(VetoHit::title).toList()) : "",
                    styles.body);
            cell(row, col, u.grade(), styles.body);
        }
        Row average = sheet.createRow(r);
        cell(average, 0, "", styles.header);
        cell(average, 1, a.averageName(), styles.header);
        for (int i = 0; i < a.average().size(); i++) {
            number(average, 2 + i, a.average().get(i), styles.header);
        }
        number(average, 2 + a.average().size() + 2, a.averageScore(), styles.header);
        sheet.createFreezePane(2, 4);
    }

    private static void mergeSection(Sheet sheet, int from, int to) {
        if (to > from) {
            sheet.addMergedRegion(new CellRangeAddress(2, 2, from, to));
        }
    }

    private void details(Sheet sheet, Assessment a, Styles styles) {
        Row header = sheet.createRow(0);
        for (int i = 0; i < DETAIL_HEADERS.size(); i++) {
            cell(header, i, DETAIL_HEADERS.get(i), styles.header);
        }
        int[] widths = {6, 16, 30, 6, 12, 8, 6, 10, 70, 50};
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
        int r = 1;
        for (UnitScore u : a.units()) {
            for (int i = 0; i < u.items().size(); i++) {
                ItemScore item = u.items().get(i);
                if (item.deduction().signum() > 0) {
                    detail(sheet.createRow(r++), u, a.items().get(i), item, item.deduction().negate(), styles);
                }
            }
            for (int i = 0; i < u.bonusItems().size(); i++) {
                ItemScore item = u.bonusItems().get(i);
                if (item.points().signum() > 0) {
                    detail(sheet.createRow(r++), u, a.bonus().get(i), item, item.points(), styles);
                }
            }
            for (VetoHit veto : u.vetoes()) {
                Row row = sheet.createRow(r++);
                number(row, 0, BigDecimal.valueOf(u.rank()), styles.body);
                cell(row, 1, u.name(), styles.body);
                cell(row, 2, "一票否决:" + veto.title(), styles.body);
                cell(row, 4, String.valueOf(veto.value()), styles.body);
                cell(row, 8, veto.arithmetic(), styles.body);
                cell(row, 9, veto.link() == null ? "" : veto.link(), styles.body);
            }
        }
        sheet.createFreezePane(0, 1);
    }

    private void detail(Row row, UnitScore u, Column column, ItemScore item, BigDecimal change, Styles styles) {
        number(row, 0, BigDecimal.valueOf(u.rank()), styles.body);
        cell(row, 1, u.name(), styles.body);
        cell(row, 2, column.section() + " / " + column.title(), styles.body);
        number(row, 3, item.max(), styles.body);
        if (item.value() instanceof Number n) {
            // a real number, rounded and formatted as the catalogue shows the metric (0.961 as 96.1%, 3 as 3 项)
            Cell value = row.createCell(4);
            value.setCellValue(((Number) item.display().round(n)).doubleValue());
            value.setCellStyle(styles.number(item.numberFormat()));
        } else {
            cell(row, 4, item.valueText(), styles.body);
        }
        cell(row, 5, AssessmentService.plain(item.target()), styles.body);
        number(row, 6, item.points(), styles.body);
        number(row, 7, change, styles.body);
        cell(row, 8, item.arithmetic(), styles.body);
        cell(row, 9, item.link() == null ? "" : item.link(), styles.body);
    }

    private static void cell(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value);
        if (style != null) {
            cell.setCellStyle(style);
        }
    }

    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        Cell cell = row.createCell(column);
        if (value != null) {
            cell.setCellValue(value.doubleValue());
        }
        cell.setCellStyle(style);
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle body;
        private final SXSSFWorkbook workbook;
        private final java.util.Map<String, CellStyle> numbers = new java.util.HashMap<>();

        Styles(SXSSFWorkbook workbook) {
            this.workbook = workbook;
            Font bold = workbook.createFont();
            bold.setBold(true);
            Font big = workbook.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 16);
            title = workbook.createCellStyle();
            title.setFont(big);
            title.setAlignment(HorizontalAlignment.CENTER);
            header = bordered(workbook);
            header.setFont(bold);
            header.setWrapText(true);
            header.setAlignment(HorizontalAlignment.CENTER);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            body = bordered(workbook);
        }

        /** A bordered body cell with this number format, one style per format. */
        CellStyle number(String format) {
            return numbers.computeIfAbsent(format, f -> {
                CellStyle style = bordered(workbook);
                style.setDataFormat(workbook.createDataFormat().getFormat(f));
                return style;
            });
        }

        private static CellStyle bordered(SXSSFWorkbook workbook) {
            CellStyle style = workbook.createCellStyle();
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
            style.setVerticalAlignment(VerticalAlignment.CENTER);
            return style;
        }
    }
}
