package cn.anjian.etl;

import java.time.Clock;

import cn.anjian.warehouse.WarehouseToday;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read half of an import. A CSV in our own template whose lines are its records goes straight to DuckDB's reader
 * (the fast path; GBK transcoded first); anything else — Excel, ledgers read through a mapping profile, CSV with
 * quoted line breaks, blank lines or ragged rows — is converted in Java, streaming, to a canonical UTF-8 CSV with
 * explicit sheet and row numbers. Either way the stage table of parsed values and reasons is built in one pass.
 */
@Component
class LedgerStager {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(LedgerStager.class);

    private final JdbcTemplate jdbc;
    private final MappingProfiles profiles;
    private final EtlProperties properties;
    private final ImportProgress progress;
    private final Clock clock;

    LedgerStager(JdbcTemplate jdbc, MappingProfiles profiles, EtlProperties properties, ImportProgress progress,
                 Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.profiles = profiles;
        this.properties = properties;
        this.progress = progress;
    }

    /**
     * What a stage step found: records read, the profile that read them, rows its {@code where} left out, what the
     * result should say about the file (sheet-level warnings) and how many cells were filled from merged regions.
     */
    record Staged(long read, MappingProfile profile, long skipped, List<LedgerMapper.Note> notes, long cellsFilled) {

        Staged(long read, MappingProfile profile) {
            this(read, profile, 0, List.of(), 0);
        }
    }

    /** Which profile reads a file (header rows only): for the upload's immediate answer and "let the profile decide". */
    MappingProfile inspect(Path source, String fileName, ImportKind kind, String profileName, Charset encoding)
            throws IOException {
        requireContent(source, fileName);
        LedgerMapper mapper = new LedgerMapper(profiles.candidates(kind, profileName), fileName, false, null,
                Long.MAX_VALUE, null, null);
        try {
            LedgerRows.read(source, fileName, new StopAtFirstRecord(mapper), encoding);
        } catch (LedgerRows.Stop stop) {
            return mapper.chosen();
        }
        mapper.finish();
        return mapper.chosen();
    }

    /**
     * Builds the stage table and returns the number of records read. A CSV not in UTF-8 ({@code encoding}, or the
     * one {@link CsvCharsets} detects) is first transcoded to a UTF-8 copy in the work folder, which both readers
     * then read.
     */
    Staged stage(long batchId, ImportKind kind, String profileName, Charset encoding, Path source, String fileName,
                 Path workDir) throws IOException {
        Files.createDirectories(workDir);
        requireContent(source, fileName);
        progress.phase(batchId, ImportProgress.Phase.READING);
        List<MappingProfile> candidates = profiles.candidates(kind, profileName);
        Format format = Format.of(source);
        Path csv = stagedCsv(workDir, batchId);
        long started = System.nanoTime();
        Charset charset = null;
        if (format == Format.CSV) {
            // a file that starts as UTF-8 is taken as UTF-8 for now; the whole file is checked below
            boolean assumed = encoding == null && CsvCharsets.startsAsUtf8(source);
            charset = encoding != null ? encoding : assumed ? StandardCharsets.UTF_8 : CsvCharsets.detect(source, fileName);
            if (!charset.equals(StandardCharsets.UTF_8)) {
                Path utf8 = utf8Copy(workDir, batchId);
                CsvCharsets.transcodeToUtf8(source, charset, utf8);
                log.info("Import {}: {} read as {} and transcoded to UTF-8", batchId, fileName, charset.name());
                source = utf8;
                charset = StandardCharsets.UTF_8;
            }
            char delimiter = CsvScan.delimiter(source);
            LedgerMapper header = new LedgerMapper(candidates, fileName, true, null, Long.MAX_VALUE, null, null);
            try {
                LedgerRows.readCsv(source, fileName, new StopAtFirstRecord(header), charset);
            } catch (LedgerRows.Stop stop) {
                // header found
            }
            boolean fast = header.chosen() != null && header.chosen().template() && header.firstHeaderRow() == 1
                    && CsvScan.linesAreRecords(source, delimiter);
            log.info("Import {}: {} {} (checks took {} ms)", batchId, fileName,
                    fast ? "goes to DuckDB's reader directly" : "is read through Java",
                    (System.nanoTime() - started) / 1_000_000);
            if (fast) {
                try {
                    return fastPath(batchId, header, source, delimiter, fileName);
                } catch (LedgerFormatException e) {
                    if (assumed && CsvCharsets.isNotUtf8Error(e)) {
                        CsvCharsets.refuseMixed(source);
                    }
                    throw e;
                }
            }
            if (assumed && !CsvCharsets.detect(source, fileName).equals(StandardCharsets.UTF_8)) {
                CsvCharsets.refuseMixed(source); // the Java reader needs the whole file's encoding
            }
        }
        LedgerMapper mapper;
        try (Writer writer = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             CSVPrinter printer = new CSVPrinter(writer, CSVFormat.RFC4180)) {
            printer.printRecord(LedgerMapper.csvHeader(kind));
            mapper = new LedgerMapper(candidates, fileName, format == Format.CSV, printer, properties.maxCells(),
                    n -> progress.rows(batchId, n), f -> progress.fraction(batchId, f));
            if (format == Format.CSV) {
                LedgerRows.readCsv(source, fileName, mapper, charset);
            } else {
                LedgerRows.read(source, fileName, mapper);
            }
            mapper.finish();
        }
        if (mapper.records() == 0 && mapper.skipped() > 0) {
            throw new LedgerFormatException("文件「" + fileName + "」的 " + mapper.skipped() + " 行都不符合映射方案「"
                    + mapper.chosen().name() + "」的筛选条件 (where: " + mapper.chosen().where() + ")，没有可导入的行");
        }
        if (mapper.records() == 0) {
            throw new LedgerFormatException("文件「" + fileName + "」只有表头，没有数据行");
        }
        progress.rows(batchId, mapper.records());
        progress.phase(batchId, ImportProgress.Phase.STAGING);
        log.info("Import {}: {} converted in Java through profile {} ({} records, {} ms)", batchId, fileName,
                mapper.chosen().name(), mapper.records(), (System.nanoTime() - started) / 1_000_000);
        Map<String, String> columns = new LinkedHashMap<>();
        for (ImportKind.Column c : kind.columns()) {
            columns.put(c.field(), c.field());
        }
        if (mapper.skipped() > 0) {
            log.info("Import {}: {} rows skipped by the where of profile {}", batchId, mapper.skipped(),
                    mapper.chosen().name());
        }
        Staged staged = build(batchId, mapper.chosen(), csv, columns, List.of(), true, ',', fileName);
        return new Staged(staged.read(), staged.profile(), mapper.skipped(), List.copyOf(mapper.notes()),
                mapper.cellsFilled());
    }

    private Staged fastPath(long batchId, LedgerMapper header, Path csv, char delimiter, String fileName) {
        progress.phase(batchId, ImportProgress.Phase.STAGING);
        List<String> duckNames = describe(csv, delimiter, fileName);
        Map<String, String> columns = new LinkedHashMap<>();
        header.placedColumns().forEach((field, index) -> {
            if (index < duckNames.size()) {
                columns.put(field, duckNames.get(index));
            }
        });
        // the file's other columns are kept with the rows (extra)
        List<String> extra = new java.util.ArrayList<>();
        java.util.Collection<Integer> taken = header.placedColumns().values();
        for (int i = 0; i < duckNames.size(); i++) {
            if (!taken.contains(i) && header.headerNames().containsKey(i)) {
                extra.add(duckNames.get(i));
            }
        }
        long t = System.nanoTime();
        Staged staged = build(batchId, header.chosen(), csv, columns, extra, false, delimiter, fileName);
        log.info("Import {}: stage table of {} rows built in {} ms", batchId, staged.read(), (System.nanoTime() - t) / 1_000_000);
        if (staged.read() == 0) {
            throw new LedgerFormatException("文件「" + fileName + "」只有表头，没有数据行");
        }
        return staged;
    }

    private Staged build(long batchId, MappingProfile profile, Path csv, Map<String, String> columns,
                         List<String> extra, boolean explicitRows, char delimiter, String fileName) {
        jdbc.execute(WarehouseToday.variable(clock));
        for (String sql : StagingSql.aliasVariables(profile)) {
            jdbc.execute(sql);
        }
        try {
            jdbc.execute(StagingSql.stage(LoadPlans.of(profile.kind()), batchId, csv, columns, extra, explicitRows,
                    delimiter));
        } catch (org.springframework.dao.DataAccessException e) {
            throw ImportFailure.unreadable(fileName, e);
        }
        Long read = jdbc.queryForObject("SELECT count(*) FROM " + StagingSql.stageTable(batchId), Long.class);
        return new Staged(read == null ? 0 : read, profile);
    }

    private static void requireContent(Path source, String fileName) throws IOException {
        if (Files.size(source) == 0) {
            throw new LedgerFormatException("文件「" + fileName + "」是空文件");
        }
    }

    static Path stagedCsv(Path workDir, long batchId) {
        return workDir.resolve("staged-" + batchId + ".csv");
    }

    /** The UTF-8 copy of a CSV in another encoding. */
    static Path utf8Copy(Path workDir, long batchId) {
        return workDir.resolve("utf8-" + batchId + ".csv");
    }

    private List<String> describe(Path csv, char delimiter, String fileName) {
        try {
            return jdbc.query("DESCRIBE SELECT * FROM read_csv(" + StagingSql.quoteLiteral(csv.toAbsolutePath().toString())
                    + ", header = true, all_varchar = true, auto_detect = true, delim = "
                    + StagingSql.quoteLiteral(String.valueOf(delimiter)) + ", quote = '\"', escape = '\"')",
                    (rs, i) -> rs.getString(1));
        } catch (org.springframework.dao.DataAccessException e) {
            throw ImportFailure.unreadable(fileName, e);
        }
    }

    /** Passes rows to a mapper until its first record, then stops reading. */
    private record StopAtFirstRecord(LedgerMapper mapper) implements LedgerRows.Sink {
        @Override
        public void startSheet(String name) {
            mapper.startSheet(name);
        }

        @Override
        public void row(int rowNumber, Map<Integer, String> cells) throws IOException {
            mapper.row(rowNumber, cells);
            if (mapper.records() > 0) {
                throw new LedgerRows.Stop();
            }
        }

        @Override
        public void endSheet() {
            mapper.endSheet();
        }

        @Override
        public void mergedRegions(List<org.apache.poi.ss.util.CellRangeAddress> regions) {
            mapper.mergedRegions(regions);
        }
    }

    /** What a file is, by its first bytes rather than its name (people rename files). */
    enum Format {
        XLSX, XLS, CSV;

        static Format of(Path file) throws IOException {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] head = in.readNBytes(8);
                if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                    return XLSX;
                }
                if (head.length == 8 && (head[0] & 0xFF) == 0xD0 && (head[1] & 0xFF) == 0xCF
                        && (head[2] & 0xFF) == 0x11 && (head[3] & 0xFF) == 0xE0) {
                    return XLS;
                }
                return CSV;
            }
        }
    }
}
