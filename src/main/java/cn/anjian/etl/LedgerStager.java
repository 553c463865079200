package cn.anjian.etl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The read half of an import: gets any ledger file into a UTF-8 CSV that DuckDB's reader takes (Excel converted,
 * GBK transcoded, UTF-8 used as it is), maps its headers to the template's fields, and builds the stage table of
 * parsed values and reasons in one pass.
 */
@Component
class LedgerStager {

    private final JdbcTemplate jdbc;

    LedgerStager(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Builds the stage table and returns the number of records read. */
    long stage(long batchId, ImportKind kind, Path source, String fileName, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path csv = source;
        boolean explicitRows = false;
        Format format = Format.of(source);
        if (format == Format.XLSX || format == Format.XLS) {
            csv = stagedCsv(workDir, batchId);
            new WorkbookToCsv(kind, fileName).convert(source, format == Format.XLSX, csv);
            explicitRows = true;
        } else {
            Charset charset = CsvCharsets.detect(source);
            if (!charset.equals(StandardCharsets.UTF_8)) {
                csv = stagedCsv(workDir, batchId);
                CsvCharsets.transcodeToUtf8(source, charset, csv);
            }
        }
        if (Files.size(csv) == 0) {
            throw new LedgerFormatException("文件「" + fileName + "」是空文件");
        }
        List<String> headers = headers(csv);
        Map<String, String> columns = HeaderMatcher.match(kind, headers)
                .orElseThrow(() -> HeaderMatcher.noHeader(kind, fileName, headers));
        for (String sql : StagingSql.aliasVariables()) {
            jdbc.execute(sql);
        }
        jdbc.execute(StagingSql.stage(LoadPlans.of(kind), batchId, csv, columns, explicitRows));
        Long read = jdbc.queryForObject("SELECT count(*) FROM " + StagingSql.stageTable(batchId), Long.class);
        return read == null ? 0 : read;
    }

    static Path stagedCsv(Path workDir, long batchId) {
        return workDir.resolve("staged-" + batchId + ".csv");
    }

    private List<String> headers(Path csv) {
        try {
            return jdbc.query("DESCRIBE SELECT * FROM read_csv(" + StagingSql.quoteLiteral(csv.toAbsolutePath().toString())
                    + ", header = true, all_varchar = true, auto_detect = true)", (rs, i) -> rs.getString(1));
        } catch (org.springframework.dao.DataAccessException e) {
            throw new LedgerFormatException("无法读取 CSV 文件: " + e.getMostSpecificCause().getMessage(), e);
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
