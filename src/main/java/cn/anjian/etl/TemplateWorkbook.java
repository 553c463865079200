package cn.anjian.etl;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataValidation;
import org.apache.poi.ss.usermodel.DataValidationConstraint;
import org.apache.poi.ss.usermodel.DataValidationHelper;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import cn.anjian.semantic.Dimension.MemberKind;
import cn.anjian.semantic.MemberRepository;

import org.springframework.stereotype.Component;

/**
 * A ledger template a clerk can fill without reading a manual, made from the code lists each time it is downloaded
 * (so it never drifts from what the importer accepts): the record type's columns in a bold frozen header row, one
 * example row (its first cell starts with {@link #EXAMPLE_MARK}; the importer skips it), drop-downs on every coded
 * column (行业领域, 隐患等级, the villages the user may see …) and a 说明 sheet listing each column's accepted values
 * and formats.
 */
@Component
public class TemplateWorkbook {

    /** How the example row begins; {@link LedgerMapper} skips a first data row that begins so. */
    public static final String EXAMPLE_MARK = "示例：";
    private static final int VALIDATED_ROWS = 2000;
    private static final Map<String, MemberKind> CODED = Map.ofEntries(
            Map.entry("sector", MemberKind.SECTOR), Map.entry("department", MemberKind.DEPARTMENT),
            Map.entry("inspection_type", MemberKind.INSPECTION_TYPE),
            Map.entry("action", MemberKind.ENFORCEMENT_ACTION), Map.entry("hazard_level", MemberKind.HAZARD_LEVEL),
            Map.entry("status", MemberKind.HAZARD_STATUS), Map.entry("scale", MemberKind.SCALE),
            Map.entry("accident_level", MemberKind.ACCIDENT_LEVEL), Map.entry("village", MemberKind.VILLAGE),
            Map.entry("person_role", MemberKind.TRAINING_ROLE), Map.entry("training_type", MemberKind.TRAINING_TYPE),
            Map.entry("channel", MemberKind.TIPOFF_CHANNEL), Map.entry("household_type", MemberKind.HOUSEHOLD_TYPE),
            Map.entry("event_kind", MemberKind.PUBLICITY_KIND), Map.entry("progress", MemberKind.TASK_STATUS));
    private static final List<String> YES_NO = List.of("是", "否");
    private static final Set<String> AMOUNTS = Set.of("funds", "fine_proposed", "fine_final", "direct_loss", "reward");
    private static final Set<String> COUNTS = Set.of("hazards_found", "deaths", "injuries", "ladder_stage",
            "participants", "hours", "problems_found", "problems_fixed", "audience");

    private final MemberRepository members;
    private final Clock clock;

    TemplateWorkbook(MemberRepository members, Clock clock) {
        this.members = members;
        this.clock = clock;
    }

    /** Writes the template of {@code kind}. */
    public void write(ImportKind kind, OutputStream out) throws IOException {
        write(kind, List.of(), List.of(), out);
    }

    /**
     * Writes the template of {@code kind} filled in: {@code rows} (cells by field) in place of the example row, and
     * {@code notes} (lines of the 说明 sheet: column, blank, text) saying where they came from. Without rows it is
     * the blank template with its example row.
     */
    void write(ImportKind kind, List<Map<String, String>> rows, List<String[]> notes, OutputStream out)
            throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook()) {
            Sheet ledger = book.createSheet(kind.labelZh() + "台账");
            Sheet lists = book.createSheet("代码表");
            Sheet help = book.createSheet("说明");
            CellStyle bold = style(book, true, false);
            CellStyle example = style(book, false, true);

            Row header = ledger.createRow(0);
            Row sample = ledger.createRow(1);
            Map<String, List<String>> accepted = new LinkedHashMap<>();
            List<ImportKind.Column> columns = kind.columns();
            for (int c = 0; c < columns.size(); c++) {
                ImportKind.Column column = columns.get(c);
                Cell h = header.createCell(c);
                h.setCellValue(column.header());
                h.setCellStyle(bold);
                List<String> values = values(column.field());
                accepted.put(column.header(), values);
                String value = exampleValue(column, values);
                if (rows.isEmpty()) {
                    Cell e = sample.createCell(c);
                    // the first column is the record's number (or code): the mark goes there
                    e.setCellValue(c == 0 ? EXAMPLE_MARK + (value.isEmpty() ? "2026-001" : value) : value);
                    e.setCellStyle(example);
                }
                for (int r = 0; r < rows.size(); r++) {
                    Row filled = r == 0 ? sample : ledger.getRow(r + 1) == null ? ledger.createRow(r + 1)
                            : ledger.getRow(r + 1);
                    filled.createCell(c).setCellValue(rows.get(r).getOrDefault(column.field(), ""));
                }
                ledger.setColumnWidth(c, Math.max(10, column.header().length() * 2 + 4) * 256);
                if (!values.isEmpty()) {
                    dropDown(ledger, lists, c, values);
                }
            }
            ledger.createFreezePane(0, 1);
            book.setSheetHidden(book.getSheetIndex(lists), true);
            writeHelp(help, bold, kind, accepted, !rows.isEmpty(), notes);
            book.write(out);
        }
    }

    /** The values a coded or yes/no column accepts, as the drop-down offers them; empty for free text. */
    List<String> values(String field) {
        if (field.startsWith("is_") || field.startsWith("wl_") || field.equals("led_by_leader")
                || field.equals("passed") || field.equals("substantiated")) {
            return YES_NO;
        }
        MemberKind kind = CODED.get(field);
        return kind == null ? List.of() : members.members(kind).stream().map(m -> m.label().zh()).toList();
    }

    private String exampleValue(ImportKind.Column column, List<String> values) {
        String field = column.field();
        if (!values.isEmpty()) {
            return values.get(0);
        }
        if (field.endsWith("_date") || field.equals("valid_from")) {
            return LocalDate.now(clock).minusDays(1).toString();
        }
        if (AMOUNTS.contains(field)) {
            return "1200";
        }
        if (COUNTS.contains(field)) {
            return "1";
        }
        if (field.endsWith("_no") || field.equals("town") || field.equals("credit_code") || field.endsWith("_code")
                || field.equals("enterprise_id")) {
            return "";
        }
        return column.header() + "（示例）";
    }

    private static void dropDown(Sheet ledger, Sheet lists, int column, List<String> values) {
        for (int r = 0; r < values.size(); r++) {
            Row row = lists.getRow(r) == null ? lists.createRow(r) : lists.getRow(r);
            row.createCell(column).setCellValue(values.get(r));
        }
        String letter = org.apache.poi.ss.util.CellReference.convertNumToColString(column);
        DataValidationHelper helper = ledger.getDataValidationHelper();
        DataValidationConstraint constraint = helper.createFormulaListConstraint(
                "'代码表'!$" + letter + "$1:$" + letter + "$" + values.size());
        DataValidation validation = helper.createValidation(constraint,
                new CellRangeAddressList(1, VALIDATED_ROWS, column, column));
        validation.setShowErrorBox(true);
        validation.setErrorStyle(DataValidation.ErrorStyle.WARNING);
        validation.createErrorBox("不在代码表中", "请从下拉列表中选择；若确需新的取值，请联系安监所在代码表中添加。");
        ledger.addValidationData(validation);
    }

    private static void writeHelp(Sheet help, CellStyle bold, ImportKind kind, Map<String, List<String>> accepted,
                                  boolean filled, List<String[]> notes) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"列名", "必填", "可填的值或格式"});
        for (ImportKind.Column column : kind.columns()) {
            List<String> values = accepted.get(column.header());
            lines.add(new String[] {column.header(), column.required() ? "必填" : "",
                    values.isEmpty() ? format(column.field()) : String.join("、", values)});
        }
        lines.add(new String[] {});
        lines.addAll(notes);
        if (!filled) {
            lines.add(new String[] {"示例行", "", "第 2 行是示例 (第一格以「" + EXAMPLE_MARK + "」开头)，导入时自动跳过；可直接改写或删除"});
        }
        lines.add(new String[] {"日期", "", "2023-01-03、2023/1/3、2023.1.3、2023年1月3日 或 Excel 日期"});
        lines.add(new String[] {"金额", "", "元；也可写 1,200元 或 2.5万元"});
        for (int r = 0; r < lines.size(); r++) {
            Row row = help.createRow(r);
            String[] line = lines.get(r);
            for (int c = 0; c < line.length; c++) {
                Cell cell = row.createCell(c);
                cell.setCellValue(line[c]);
                if (r == 0) {
                    cell.setCellStyle(bold);
                }
            }
        }
        help.setColumnWidth(0, 20 * 256);
        help.setColumnWidth(1, 8 * 256);
        help.setColumnWidth(2, 90 * 256);
    }

    private static String format(String field) {
        if (field.endsWith("_date") || field.equals("valid_from") || field.equals("valid_to")) {
            return "日期";
        }
        if (AMOUNTS.contains(field)) {
            return "金额 (元)";
        }
        if (COUNTS.contains(field)) {
            return "整数";
        }
        if (field.equals("credit_code")) {
            return "18 位统一社会信用代码";
        }
        if (field.equals("enterprise_id")) {
            return "台账自己的单位编号，本乡镇内唯一 (没有统一社会信用代码的单位以它为准)";
        }
        return "文字";
    }

    private static CellStyle style(XSSFWorkbook book, boolean bold, boolean example) {
        CellStyle style = book.createCellStyle();
        Font font = book.createFont();
        font.setBold(bold);
        if (example) {
            font.setItalic(true);
            font.setColor(IndexedColors.GREY_50_PERCENT.getIndex());
        }
        style.setFont(font);
        return style;
    }
}
