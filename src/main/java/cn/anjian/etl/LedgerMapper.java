package cn.anjian.etl;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;

/**
 * Turns a ledger's rows into canonical records through a mapping profile: finds the header row in each sheet (title
 * rows above it, a second header row of merged sub-columns below it, blank spacer rows), picks the profile whose
 * required fields it can place, and writes one CSV record per ledger record with the template's field names plus the
 * sheet, row, a lineage note and a row-level error ({@code __sheet, __row, __note, __error}). Numbered multi-hazard
 * cells are split into one record each with a derived key ({@code <key>-<n>}) when the profile says so.
 *
 * <p>Real ledgers (issue #15): a value merged down over several rows is filled into each of them (a clerk sees it on
 * every row); the ledger's year and month for dates written without them come from the sheet's title rows, the
 * sheet's or the file's name, or the profile ({@code __period}); columns no field takes are kept with the record as
 * a JSON object ({@code __extra}); and what the mapper had to assume (cells filled, a column found only by a
 * tolerant match, a profile column not in the file) is a {@link Note} for the import's result.
 */
final class LedgerMapper implements LedgerRows.Sink {

    static final int HEADER_SEARCH_ROWS = 30;
    static final List<String> EXTRA = List.of("__sheet", "__row", "__note", "__error", "__period", "__extra");

    /** Something about a sheet the import's result should say (a warning without a row). */
    record Note(String sheet, String field, String message) {
    }

    private final List<MappingProfile> candidates;
    private final String fileName;
    private final boolean strictWidth;
    private final CSVPrinter out;
    private final long maxCells;
    private final java.util.function.LongConsumer recordsSoFar;
    private final java.util.function.DoubleConsumer fractionRead;

    private MappingProfile chosen;
    private long records;
    /** Rows the profile's {@code where} left out (not records, not rejects). */
    private long skipped;
    private long cells;
    private int sheetsMatched;
    private final List<String> sheetsSkipped = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();
    private long cellsFilled;

    // the closest miss, for the error when nothing matches
    private List<String> bestHeaders = List.of();
    private List<String> bestUnplaced = List.of();
    private MappingProfile bestProfile;
    private int bestScore = -1;

    // per sheet
    private String sheet;
    private boolean skipSheet;
    private int rowsSeen;
    /** Whether the sheet's first data row is still to come (a template's example row can only be that one). */
    private boolean firstDataRow;
    private Map<Integer, String> header;
    private Map<Integer, List<String>> names;
    private Map<String, Integer> placed;
    private List<Integer> keyColumnIndexes;
    private Map<Integer, List<String>> whereColumns;
    private int subHeaderRowsLeft;
    private int width;
    private int headerRow;
    private int firstHeaderRow;
    /** Texts above the header row (the ledger's title), for its year. */
    private final List<String> titleTexts = new ArrayList<>();
    /** The sheet's year or month for dates without them, '|', and where it came from; null: unknown. */
    private String period;
    private List<CellRangeAddress> merges = List.of();
    private final Map<CellRangeAddress, String> mergeValues = new java.util.HashMap<>();
    private int mergeNext;
    private final List<CellRangeAddress> mergesActive = new ArrayList<>();
    private long sheetFilled;
    private final java.util.Set<Integer> sheetFilledColumns = new java.util.TreeSet<>();

    LedgerMapper(List<MappingProfile> candidates, String fileName, boolean strictWidth, CSVPrinter out, long maxCells,
                 java.util.function.LongConsumer recordsSoFar, java.util.function.DoubleConsumer fractionRead) {
        this.candidates = candidates;
        this.fileName = fileName;
        this.strictWidth = strictWidth;
        this.out = out;
        this.maxCells = maxCells;
        this.recordsSoFar = recordsSoFar;
        this.fractionRead = fractionRead;
    }

    static List<String> csvHeader(ImportKind kind) {
        List<String> h = new ArrayList<>(kind.columns().stream().map(ImportKind.Column::field).toList());
        h.addAll(EXTRA);
        return h;
    }

    MappingProfile chosen() {
        return chosen;
    }

    /** Row number of the first header row found (1 = the file's first line). */
    int firstHeaderRow() {
        return firstHeaderRow;
    }

    /** Field → column index in the current sheet. */
    Map<String, Integer> placedColumns() {
        return placed == null ? Map.of() : placed;
    }

    /** Column index → header name (the composed name for merged two-row headers) in the current sheet. */
    Map<Integer, String> headerNames() {
        Map<Integer, String> h = new TreeMap<>();
        if (names != null) {
            names.forEach((i, n) -> h.put(i, n.get(0)));
        }
        return h;
    }

    long records() {
        return records;
    }

    /** Rows left out because they do not hold the values the profile's {@code where} asks for. */
    long skipped() {
        return skipped;
    }

    List<String> sheetsSkipped() {
        return sheetsSkipped;
    }

    /** What the import's result should say about the file (sheet-level warnings). */
    List<Note> notes() {
        return notes;
    }

    /** Cells filled from merged regions, in all sheets. */
    long cellsFilled() {
        return cellsFilled;
    }

    /** Throws the "headers match no profile" error when no sheet had a header row. */
    void finish() {
        if (sheetsMatched == 0) {
            throw mismatch();
        }
    }

    HeaderMismatchException mismatch() {
        return new HeaderMismatchException(fileName, bestProfile, bestHeaders, bestUnplaced);
    }

    @Override
    public void progress(double fraction) {
        if (fractionRead != null) {
            fractionRead.accept(fraction);
        }
    }

    @Override
    public void startSheet(String name) {
        sheet = name;
        rowsSeen = 0;
        firstDataRow = true;
        header = null;
        placed = null;
        names = null;
        subHeaderRowsLeft = 0;
        skipSheet = name != null && chosen != null && !chosen.sheets().isEmpty() && !chosen.sheets().contains(name);
        titleTexts.clear();
        period = null;
        merges = List.of();
        mergeValues.clear();
        mergesActive.clear();
        mergeNext = 0;
        sheetFilled = 0;
        sheetFilledColumns.clear();
    }

    @Override
    public void mergedRegions(List<CellRangeAddress> regions) {
        List<CellRangeAddress> sorted = new ArrayList<>(regions);
        sorted.sort(java.util.Comparator.comparingInt(CellRangeAddress::getFirstRow));
        merges = sorted;
    }

    @Override
    public void endSheet() {
        if (placed != null) {
            sheetsMatched++;
            noteColumns();
            if (sheetFilled > 0) {
                notes.add(new Note(sheet, null, "有 " + sheetFilled + " 个单元格取自合并单元格 (按合并区域填到它跨的每一行): "
                        + String.join("、", sheetFilledColumns.stream().map(this::columnName).toList())));
            }
        } else if (sheet != null) {
            sheetsSkipped.add(sheet);
        }
    }

    private String columnName(int column) {
        List<String> n = names == null ? null : names.get(column);
        return n == null ? "第 " + CellReference.convertNumToColString(column) + " 列" : n.get(0);
    }

    /**
     * Notes on the profile's columns in this sheet: one found only by the tolerant match (brackets and what they
     * hold, spaces, full-width forms), and one not found at all (its field stays empty: never silence).
     */
    private void noteColumns() {
        if (chosen.template()) {
            return; // a template's optional columns are often left out on purpose
        }
        for (ImportKind.Column column : chosen.kind().columns()) {
            List<String> aliases = chosen.columns().get(column.field());
            if (aliases == null || aliases.isEmpty()) {
                continue;
            }
            Integer at = placed.get(column.field());
            if (at == null) {
                notes.add(new Note(sheet, column.header(), "映射方案的列「" + String.join("」或「", aliases)
                        + "」在文件中没有找到，字段 " + column.field() + " (" + column.header() + ") 为空"));
                continue;
            }
            List<String> found = names.getOrDefault(at, List.of());
            boolean exact = aliases.stream().anyMatch(a -> found.stream().anyMatch(n -> normalize(n).equals(normalize(a))));
            if (!exact) {
                notes.add(new Note(sheet, column.header(), "映射方案的列「" + String.join("」或「", aliases)
                        + "」按文件中相近的列「" + found.get(0) + "」读取"));
            }
        }
    }

    @Override
    public void row(int rowNumber, Map<Integer, String> rowCells) throws IOException {
        if (skipSheet) {
            return;
        }
        boolean blank = rowCells.values().stream().allMatch(v -> v == null || v.isBlank());
        if (placed == null) {
            if (blank || rowsSeen++ >= HEADER_SEARCH_ROWS) {
                return;
            }
            findHeader(rowCells);
            if (placed != null) {
                headerRow = rowNumber;
                if (firstHeaderRow == 0) {
                    firstHeaderRow = rowNumber;
                }
                period = period();
            } else {
                rowCells.values().stream().filter(v -> v != null && !v.isBlank()).forEach(titleTexts::add);
            }
            return;
        }
        if (blank) {
            return;
        }
        if (subHeaderRowsLeft > 0) {
            subHeaderRowsLeft--;
            if (isSubHeader(rowCells)) {
                mergeSubHeader(rowCells);
                return;
            }
            subHeaderRowsLeft = 0;
        }
        if (firstDataRow) {
            firstDataRow = false;
            if (isExample(rowCells)) {
                return; // the downloaded template's example row (TemplateWorkbook)
            }
        }
        rowCells = fillMerged(rowNumber, rowCells);
        if (!chosen.template() && !hasMappedValue(rowCells)) {
            return; // a note under the table (填写要求、制表人…): no cell in a mapped column
        }
        if (!wanted(rowCells)) {
            skipped++;
            return;
        }
        cells += rowCells.size();
        if (cells > maxCells) {
            throw new LedgerFormatException("文件「" + fileName + "」超过 " + maxCells + " 个单元格的上限，请分成几个文件导入");
        }
        emit(rowNumber, rowCells);
    }

    private static final Pattern TITLE_YEAR = Pattern.compile("((?:19|20)[0-9]{2})\\s*年(?:\\s*([0-9]{1,2})\\s*月)?");
    private static final Pattern BARE_YEAR = Pattern.compile("(?<![0-9])((?:19|20)[0-9]{2})(?![0-9])");

    /**
     * The ledger's year (and month) for dates written without them: from the title rows ({@code 2025年8月…}), else
     * the sheet's name, else the file's name (a bare 2025 there), else the profile's {@code year}; a text naming two
     * different years says nothing.
     */
    private String period() {
        String title = String.join(" ", titleTexts);
        Matcher m = TITLE_YEAR.matcher(title);
        if (m.find() && oneYear(title)) {
            String month = m.group(2) == null ? "" : "-" + String.format("%02d", Integer.parseInt(m.group(2)));
            boolean monthOk = m.group(2) == null || (Integer.parseInt(m.group(2)) >= 1 && Integer.parseInt(m.group(2)) <= 12);
            return m.group(1) + (monthOk ? month : "") + "|标题「" + shorten(title) + "」";
        }
        if (sheet != null && oneYear(sheet) && BARE_YEAR.matcher(sheet).find()) {
            Matcher y = BARE_YEAR.matcher(sheet);
            y.find();
            return y.group(1) + "|工作表名「" + sheet + "」";
        }
        if (fileName != null && oneYear(fileName) && BARE_YEAR.matcher(fileName).find()) {
            Matcher y = BARE_YEAR.matcher(fileName);
            y.find();
            return y.group(1) + "|文件名「" + fileName + "」";
        }
        return chosen.period() == null ? null : chosen.period() + "|映射方案「" + chosen.name() + "」的 year";
    }

    private static boolean oneYear(String text) {
        Matcher y = BARE_YEAR.matcher(text);
        String first = null;
        while (y.find()) {
            if (first != null && !first.equals(y.group(1))) {
                return false;
            }
            first = y.group(1);
        }
        return true;
    }

    private static String shorten(String text) {
        String t = text.replaceAll("\\s+", " ").strip();
        return t.length() <= 40 ? t : t.substring(0, 40) + "…";
    }

    /**
     * The row with the cells a merged region covers filled with the region's value (its top-left cell), for regions
     * that begin in a data row and span more than one row: a value merged down (标段, 工点, a date) belongs to every
     * row it spans. A region spanning half the table's width or more is a note or a section heading, not a value.
     */
    private Map<Integer, String> fillMerged(int rowNumber, Map<Integer, String> rowCells) {
        if (merges.isEmpty()) {
            return rowCells;
        }
        int r = rowNumber - 1;
        while (mergeNext < merges.size() && merges.get(mergeNext).getFirstRow() <= r) {
            CellRangeAddress region = merges.get(mergeNext++);
            if (region.getFirstRow() < r || region.getLastRow() == region.getFirstRow()) {
                continue; // begins in the header (or above), or lies in one row
            }
            int span = region.getLastColumn() - region.getFirstColumn() + 1;
            if (span > 1 && span * 2 >= Math.max(width, 2)) {
                continue;
            }
            String value = rowCells.get(region.getFirstColumn());
            if (value != null && !value.isBlank()) {
                mergeValues.put(region, value);
                mergesActive.add(region);
            }
        }
        if (mergesActive.isEmpty()) {
            return rowCells;
        }
        Map<Integer, String> filled = null;
        for (var it = mergesActive.iterator(); it.hasNext(); ) {
            CellRangeAddress region = it.next();
            if (region.getLastRow() < r) {
                it.remove();
                mergeValues.remove(region);
                continue;
            }
            for (int c = region.getFirstColumn(); c <= region.getLastColumn(); c++) {
                if (r == region.getFirstRow() && c == region.getFirstColumn()) {
                    continue;
                }
                String v = rowCells.get(c);
                if (v == null || v.isBlank()) {
                    if (filled == null) {
                        filled = new TreeMap<>(rowCells);
                    }
                    filled.put(c, mergeValues.get(region));
                    cellsFilled++;
                    sheetFilled++;
                    sheetFilledColumns.add(c);
                }
            }
        }
        return filled == null ? rowCells : filled;
    }

    /** The example row of a downloaded template: its first filled cell begins with {@code 示例：}. */
    private static boolean isExample(Map<Integer, String> rowCells) {
        return rowCells.entrySet().stream()
                .filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .min(Map.Entry.comparingByKey())
                .map(e -> e.getValue().strip().startsWith(TemplateWorkbook.EXAMPLE_MARK))
                .orElse(false);
    }

    /** Whether the row holds, in every column the profile's {@code where} names, one of the values it accepts. */
    private boolean wanted(Map<Integer, String> rowCells) {
        for (Map.Entry<Integer, List<String>> w : whereColumns.entrySet()) {
            String v = rowCells.get(w.getKey());
            if (v == null || w.getValue().stream().noneMatch(a -> normalize(a).equals(normalize(v)))) {
                return false;
            }
        }
        return true;
    }

    private boolean hasMappedValue(Map<Integer, String> rowCells) {
        for (int col : placed.values()) {
            String v = rowCells.get(col);
            if (v != null && !v.isBlank()) {
                return true;
            }
        }
        return false;
    }

    private void findHeader(Map<Integer, String> rowCells) {
        Map<Integer, List<String>> rowNames = new TreeMap<>();
        rowCells.forEach((i, v) -> {
            if (v != null && !v.isBlank()) {
                rowNames.put(i, new ArrayList<>(List.of(v.trim())));
            }
        });
        // every profile that fits this row; the one that places the most columns reads it, a tie is refused
        List<MappingProfile> fitting = new ArrayList<>();
        List<Map<String, Integer>> fittingFields = new ArrayList<>();
        List<List<Integer>> fittingKeys = new ArrayList<>();
        List<Map<Integer, List<String>>> fittingWhere = new ArrayList<>();
        for (MappingProfile p : chosen != null ? List.of(chosen) : candidates) {
            if (sheet != null && !p.sheets().isEmpty() && !p.sheets().contains(sheet)) {
                continue;
            }
            List<String> unplaced = new ArrayList<>();
            Map<String, Integer> fields = place(p, rowNames, unplaced);
            List<Integer> keys = keyColumns(p, rowNames, unplaced);
            Map<Integer, List<String>> where = whereColumns(p, rowNames, unplaced);
            if (unplaced.isEmpty()) {
                fitting.add(p);
                fittingFields.add(fields);
                fittingKeys.add(keys);
                fittingWhere.add(where);
                continue;
            }
            int score = rowNames.size() * 0 + (p.requiredColumns().size() + p.keyColumns().size() + p.where().size()
                    - unplaced.size()) * 100
                    + rowNames.size();
            if (score > bestScore) {
                bestScore = score;
                bestProfile = p;
                bestHeaders = rowNames.values().stream().map(l -> l.get(0)).toList();
                bestUnplaced = unplaced;
            }
        }
        if (fitting.isEmpty()) {
            return;
        }
        int most = fittingFields.stream().mapToInt(Map::size).max().orElseThrow();
        List<MappingProfile> best = new ArrayList<>();
        for (int i = 0; i < fitting.size(); i++) {
            if (fittingFields.get(i).size() == most) {
                best.add(fitting.get(i));
            }
        }
        if (best.size() > 1) {
            throw new LedgerFormatException("文件「" + fileName + "」的表头同时符合 " + best.size() + " 个映射方案，且各放下 "
                    + most + " 列，无法确定用哪一个: " + String.join("、", best.stream().map(p -> p.name() + " (" + p.title() + ")").toList())
                    + "。请指定映射方案 (上传页面的“映射方案”、API 参数 profile、命令行 --profile=)");
        }
        int i = fitting.indexOf(best.get(0));
        chosen = fitting.get(i);
        header = new TreeMap<>(rowCells);
        names = rowNames;
        placed = fittingFields.get(i);
        keyColumnIndexes = fittingKeys.get(i);
        whereColumns = fittingWhere.get(i);
        width = rowCells.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        subHeaderRowsLeft = 2;
    }

    /** A second header row: cells only under blank header cells or under the first cell of a merged span. */
    private boolean isSubHeader(Map<Integer, String> rowCells) {
        boolean underBlank = false;
        for (Map.Entry<Integer, String> c : rowCells.entrySet()) {
            if (c.getValue() == null || c.getValue().isBlank()) {
                continue;
            }
            int i = c.getKey();
            if (!names.containsKey(i)) {
                underBlank = true;
            } else if (names.containsKey(i + 1)) {
                return false;
            }
        }
        return underBlank;
    }

    private void mergeSubHeader(Map<Integer, String> rowCells) {
        String parent = null;
        Map<Integer, List<String>> merged = new TreeMap<>(names);
        int last = rowCells.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        for (int i = 0; i <= Math.max(last, width); i++) {
            if (names.containsKey(i)) {
                parent = names.get(i).get(0);
            }
            String child = rowCells.get(i);
            if (child == null || child.isBlank()) {
                continue;
            }
            List<String> n = new ArrayList<>();
            n.add(parent == null ? child.trim() : parent + "/" + child.trim());
            n.add(child.trim());
            if (names.containsKey(i)) {
                n.add(parent);
            }
            merged.put(i, n);
        }
        names = merged;
        width = Math.max(width, last + 1);
        List<String> unplaced = new ArrayList<>();
        Map<String, Integer> fields = place(chosen, names, unplaced);
        if (unplaced.isEmpty()) {
            placed = fields;
            keyColumnIndexes = keyColumns(chosen, names, unplaced);
            whereColumns = whereColumns(chosen, names, unplaced);
        }
    }

    /** Field → column index for the profile's columns; required fields it cannot place go to {@code unplaced}. */
    private Map<String, Integer> place(MappingProfile p, Map<Integer, List<String>> columnNames, List<String> unplaced) {
        Map<String, Integer> fields = new LinkedHashMap<>();
        for (ImportKind.Column column : p.kind().columns()) {
            List<String> aliases = p.columns().get(column.field());
            if (aliases == null) {
                continue;
            }
            for (String alias : aliases) {
                List<Integer> hits = columnsNamed(columnNames, alias);
                if (hits.size() > 1 && p.requiredColumns().contains(column)) {
                    List<String> unplacedOthers = new ArrayList<>();
                    place(p.kind(), p, columnNames, unplacedOthers, column.field());
                    if (unplacedOthers.isEmpty()) {
                        throw new LedgerFormatException("文件「" + fileName + "」" + (sheet == null ? "" : "工作表「" + sheet + "」")
                                + "的表头中列「" + alias + "」出现了 " + hits.size() + " 次 (第 "
                                + String.join("、", hits.stream().map(h -> CellReference.convertNumToColString(h)).toList())
                                + " 列)，无法确定用哪一列。请删除或改名多余的列");
                    }
                }
                if (!hits.isEmpty()) {
                    fields.put(column.field(), hits.get(0));
                    break;
                }
            }
        }
        for (ImportKind.Column c : p.requiredColumns()) {
            if (!fields.containsKey(c.field())) {
                unplaced.add(c.header());
            }
        }
        return fields;
    }

    private void place(ImportKind kind, MappingProfile p, Map<Integer, List<String>> columnNames, List<String> unplaced,
                       String except) {
        for (ImportKind.Column c : p.requiredColumns()) {
            if (c.field().equals(except)) {
                continue;
            }
            List<String> aliases = p.columns().getOrDefault(c.field(), List.of());
            if (aliases.stream().allMatch(a -> columnsNamed(columnNames, a).isEmpty())) {
                unplaced.add(c.header());
            }
        }
    }

    private List<Integer> keyColumns(MappingProfile p, Map<Integer, List<String>> columnNames, List<String> unplaced) {
        List<Integer> keys = new ArrayList<>();
        for (String k : p.keyColumns()) {
            if (k.equals(MappingProfile.FILE_ROW)) {
                continue;
            }
            List<Integer> hits = columnsNamed(columnNames, k);
            if (hits.isEmpty()) {
                unplaced.add(k + " (编号的组成列)");
            } else {
                keys.add(hits.get(0));
            }
        }
        return keys;
    }

    /** Column index → accepted values for the profile's {@code where}; a column not found goes to {@code unplaced}. */
    private Map<Integer, List<String>> whereColumns(MappingProfile p, Map<Integer, List<String>> columnNames,
                                                    List<String> unplaced) {
        Map<Integer, List<String>> where = new LinkedHashMap<>();
        p.where().forEach((column, accepted) -> {
            List<Integer> hits = columnsNamed(columnNames, column);
            if (hits.isEmpty()) {
                unplaced.add(column + " (where 筛选条件的列)");
            } else {
                where.put(hits.get(0), accepted);
            }
        });
        return where;
    }

    /** The columns a name stands for: exact (normalized) matches, else those a tolerant match finds. */
    private static List<Integer> columnsNamed(Map<Integer, List<String>> columnNames, String alias) {
        String a = normalize(alias);
        List<Integer> hits = new ArrayList<>();
        for (Map.Entry<Integer, List<String>> e : columnNames.entrySet()) {
            if (e.getValue().stream().anyMatch(n -> normalize(n).equals(a))) {
                hits.add(e.getKey());
            }
        }
        if (hits.isEmpty() && !loose(alias).isEmpty()) {
            String l = loose(alias);
            for (Map.Entry<Integer, List<String>> e : columnNames.entrySet()) {
                if (e.getValue().stream().anyMatch(n -> loose(n).equals(l))) {
                    hits.add(e.getKey());
                }
            }
        }
        return hits;
    }

    private static final Pattern BRACKETED = Pattern.compile("[(\\[【〔<《][^)\\]】〕>》]*[)\\]】〕>》]");

    /**
     * A header as a tolerant match compares it: normalized, without brackets and what they hold ({@code 整改期限（日期）}
     * → 整改期限) — unless they hold a unit of money (元, 万元), which changes what the numbers mean.
     */
    static String loose(String header) {
        String n = normalize(header);
        Matcher m = BRACKETED.matcher(n);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, m.group().contains("元") ? Matcher.quoteReplacement(m.group()) : "");
        }
        m.appendTail(out);
        return out.toString();
    }

    static String normalize(String header) {
        return HeaderMatcher.normalize(header).replaceAll("^[*★※]+|[*★※:：]+$", "");
    }

    private void emit(int rowNumber, Map<Integer, String> rowCells) throws IOException {
        MappingProfile p = chosen;
        Map<String, String> values = new LinkedHashMap<>();
        for (ImportKind.Column c : p.kind().columns()) {
            Integer col = placed.get(c.field());
            String v = col == null ? null : rowCells.get(col);
            if ((v == null || v.isBlank()) && p.constants().containsKey(c.field())) {
                v = p.constants().get(c.field());
            }
            values.put(c.field(), v);
        }
        String error = null;
        if (strictWidth) {
            int extra = rowCells.keySet().stream().mapToInt(i -> i + 1).max().orElse(0);
            if (extra > width) {
                error = "该行有 " + extra + " 个单元格，多于表头的 " + width + " 列 (可能有未加引号的分隔符)";
            }
        }
        String keyField = p.keyField();
        if (p.derivesKey() && keyField != null) {
            StringBuilder basis = new StringBuilder();
            if (p.keysOnFileRow()) {
                basis.append(fileName).append('|').append(sheet == null ? "" : sheet).append('|').append(rowNumber)
                        .append('|');
            }
            for (int k : keyColumnIndexes) {
                String v = rowCells.get(k);
                basis.append(v == null ? "" : normalize(v)).append('|');
            }
            values.put(keyField, p.keyPrefix() + sha256(basis.toString()).substring(0, 12));
        }
        String extra = extra(rowCells);
        List<String> items = p.splitField() == null ? List.of() : splitNumbered(values.get(p.splitField()));
        if (items.size() < 2) {
            write(values, rowNumber, null, error, extra);
            return;
        }
        String column = names.getOrDefault(placed.get(p.splitField()), List.of(p.splitField())).get(0);
        for (int i = 0; i < items.size(); i++) {
            Map<String, String> item = new LinkedHashMap<>(values);
            item.put(p.splitField(), items.get(i));
            if (keyField != null && item.get(keyField) != null) {
                item.put(keyField, item.get(keyField) + "-" + (i + 1));
            }
            String note = "拆分自" + (sheet == null ? "" : "工作表「" + sheet + "」") + "第 " + rowNumber + " 行「" + column
                    + "」的第 " + (i + 1) + " 条 (共 " + items.size() + " 条)";
            write(item, rowNumber, note, error, extra);
        }
    }

    /**
     * The row's cells in columns no field takes, as a compact JSON object of header → text (as DuckDB's to_json
     * writes it on the fast path), in column order, a column without a header named by its letter; null when there
     * are none. Nothing a clerk typed is dropped.
     */
    private String extra(Map<Integer, String> rowCells) {
        java.util.Collection<Integer> taken = placed.values();
        StringBuilder json = null;
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (Map.Entry<Integer, String> c : rowCells.entrySet()) {
            String v = c.getValue() == null ? null : c.getValue().strip();
            if (v == null || v.isEmpty() || taken.contains(c.getKey())) {
                continue;
            }
            List<String> n = names.get(c.getKey());
            String key = n == null ? "第" + CellReference.convertNumToColString(c.getKey()) + "列" : n.get(0);
            if (key.equals(ImportKind.EXTRA_HEADER) && v.startsWith("{\"") && v.endsWith("}")) {
                // an export's other columns, read back as they were
                json = json == null ? new StringBuilder("{") : json.append(',');
                json.append(v, 1, v.length() - 1);
                continue;
            }
            if (!keys.add(key)) {
                key = key + " (" + CellReference.convertNumToColString(c.getKey()) + "列)";
            }
            json = json == null ? new StringBuilder("{") : json.append(',');
            json.append(jsonString(key)).append(':').append(jsonString(v));
        }
        return json == null ? null : json.append('}').toString();
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (ch < 0x20) {
                        b.append(String.format("\\u%04x", (int) ch));
                    } else {
                        b.append(ch);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private void write(Map<String, String> values, int rowNumber, String note, String error, String extra)
            throws IOException {
        records++;
        if (out == null) {
            return;
        }
        List<String> record = new ArrayList<>(values.values());
        record.add(sheet);
        record.add(String.valueOf(rowNumber));
        record.add(note);
        record.add(error);
        record.add(period);
        record.add(extra);
        out.printRecord(record);
        if (recordsSoFar != null && (records & 1023) == 0) {
            recordsSoFar.accept(records);
        }
    }

    private static final Pattern ITEM = Pattern.compile("^\\s*[(（]?(\\d{1,2})\\s*[.、．)）]\\s*(.*)$");
    /** Enclosed numbers: ① … ⑳, ⑴ … ⒇, ⒈ … ⒛. */
    private static final String ENCLOSED = "[\\u2460-\\u2473\\u2474-\\u2487\\u2488-\\u249B]";
    private static final Pattern ENCLOSED_ITEM = Pattern.compile("^\\s*(" + ENCLOSED + ")\\s*[.、．:：]?\\s*(.*)$");

    private static int enclosedNumber(char c) {
        if (c >= '\u2460' && c <= '\u2473') {
            return c - '\u2460' + 1;
        }
        if (c >= '\u2474' && c <= '\u2487') {
            return c - '\u2474' + 1;
        }
        return c - '\u2488' + 1;
    }
    private static final Pattern HEADING = Pattern.compile("^\\s*([一二三四五六七八九十]{1,3})\\s*[、.．]\\s*(.*)$");

    /**
     * The numbered items of a cell ({@code 1.… 2.…}, restarting under headings {@code 一、… 二、…}), each prefixed with
     * its heading; fewer than two items: the cell stays one record. Lines before the first item are the cell's
     * preamble and lines after an item continue it.
     */
    /** A line that only introduces the items (检查发现, 存在以下问题, 主要隐患如下): not carried into each item. */
    private static final Pattern GENERIC_INTRO = Pattern.compile(
            "经?(检查|排查|现场)?(发现|存在)?(以下|如下|的)?(主要)?(问题|隐患)?(如下)?(有)?");

    static List<String> splitNumbered(String cell) {
        if (cell != null && cell.codePoints().anyMatch(c -> c >= 0x2460 && c <= 0x249B)) {
            // enclosed numbers mark items even on one line (三楼仓库：①…；②…) where they open a clause, never
            // inside one (配电箱⑴号柜): each such number starts a line
            cell = cell.replaceAll("(?<=[；;。，,、:：])\\s*(" + ENCLOSED + ")", "\n$1");
        }
        if (cell == null || cell.indexOf('\n') < 0) {
            return List.of();
        }
        List<String> items = new ArrayList<>();
        String heading = null;
        // text before the first item (三楼仓库：) belongs to every item, like a heading: never dropped
        StringBuilder preamble = new StringBuilder();
        StringBuilder current = null;
        int last = 0;
        for (String line : cell.split("\\r?\\n")) {
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                if (current != null) {
                    items.add(itemText(current));
                    current = null;
                }
                heading = h.group(2).replaceAll("[。:：，,]+$", "").trim();
                last = 0;
                continue;
            }
            Matcher m = ITEM.matcher(line);
            int number = m.matches() ? Integer.parseInt(m.group(1)) : -1;
            if (number < 0) {
                m = ENCLOSED_ITEM.matcher(line);
                number = m.matches() ? enclosedNumber(m.group(1).charAt(0)) : -1;
            }
            if (number == last + 1 && !m.group(2).isBlank()) {
                if (current != null) {
                    items.add(itemText(current));
                }
                String lead = heading != null && !heading.isEmpty() ? heading
                        : preamble.toString().replaceAll("[。:：，,；;、\\s]+$", "").trim();
                if (GENERIC_INTRO.matcher(lead).matches()) {
                    lead = ""; // 检查发现：, 存在以下问题：… say nothing the items do not
                }
                current = new StringBuilder(lead.isEmpty() ? "" : lead + "：").append(m.group(2));
                last = number;
            } else if (current != null) {
                current.append('\n').append(line);
            } else if (heading == null && !line.isBlank()) {
                preamble.append(preamble.length() == 0 ? "" : " ").append(line.strip());
            }
        }
        if (current != null) {
            items.add(itemText(current));
        }
        return items.size() >= 2 ? items : List.of();
    }

    /** An item's text without the separator that ended it (①…；②…). */
    private static String itemText(StringBuilder item) {
        return item.toString().strip().replaceAll("[；;，,、]+$", "").strip();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The headers of a file match no profile: what was found and what could not be placed. */
    static final class HeaderMismatchException extends LedgerFormatException {
        final List<String> headers;
        final List<String> unplaced;
        final String profile;

        HeaderMismatchException(String fileName, MappingProfile closest, List<String> headers, List<String> unplaced) {
            super("文件「" + fileName + "」的表头与" + (closest == null ? "任何映射方案" : "映射方案「" + closest.title() + "」")
                    + "都不匹配" + (unplaced.isEmpty() ? "" : "，无法放置的必填字段: " + String.join("、", unplaced))
                    + "。文件中找到的列: " + (headers.isEmpty() ? "(无)" : String.join("、", headers))
                    + "。请改用标准模板，或为这种台账写一个映射方案 (etl/mappings/*.yaml)");
            this.headers = headers;
            this.unplaced = unplaced;
            this.profile = closest == null ? null : closest.name();
        }
    }

    /** Used by LedgerRows.Stop users: the set of header cells, for messages. */
    static LinkedHashSet<String> texts(Map<Integer, String> cells) {
        LinkedHashSet<String> s = new LinkedHashSet<>();
        cells.values().stream().filter(v -> v != null && !v.isBlank()).forEach(s::add);
        return s;
    }
}
