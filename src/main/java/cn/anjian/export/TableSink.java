package cn.anjian.export;

import java.io.IOException;
import java.util.List;

/**
 * Where exported rows go, one at a time: a CSV or XLSX writer over the response's output stream. Values are
 * {@code String}, {@code java.time.LocalDate}, {@code Number} or {@code null}.
 */
interface TableSink extends AutoCloseable {

    /** Starts a table (an XLSX sheet; in CSV only the first table's header is written). */
    void table(String name, List<String> headers, List<ColumnKind> kinds) throws IOException;

    void row(Object[] values) throws IOException;

    /** Finishes the file and flushes it to the stream (the stream itself stays open). */
    @Override
    void close() throws IOException;

    static TableSink of(ExportFormat format, java.io.OutputStream out) {
        return switch (format) {
            case CSV -> new CsvSink(out);
            case XLSX -> new XlsxSink(out);
            case PARQUET -> throw new IllegalArgumentException("Parquet is written by DuckDB, not row by row");
        };
    }
}
