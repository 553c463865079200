package cn.anjian.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * CSV as Excel in China opens it: UTF-8 with a byte order mark, RFC 4180 (fields with a comma, quote or line
 * break quoted, quotes doubled, CRLF line ends), for panels and reports. Detail exports of millions of rows are
 * written by DuckDB itself in the same dialect ({@link CopyStreams}).
 */
final class CsvSink implements TableSink {

    private final Writer out;
    private boolean headerWritten;
    private List<ColumnKind> kinds = List.of();

    CsvSink(OutputStream stream) {
        this.out = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        try {
            out.write('\uFEFF');
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void table(String name, List<String> headers, List<ColumnKind> kinds) throws IOException {
        if (!headerWritten) {
            for (int i = 0; i < headers.size(); i++) {
                field(i, headers.get(i));
            }
            out.write("\r\n");
            headerWritten = true;
            this.kinds = List.copyOf(kinds);
        }
    }

    @Override
    public void row(Object[] values) throws IOException {
        for (int i = 0; i < values.length; i++) {
            String shown = values[i] instanceof Number n && i < kinds.size() ? kinds.get(i).csv(n) : null;
            field(i, shown != null ? shown : text(values[i]));
        }
        out.write("\r\n");
    }

    private void field(int index, String s) throws IOException {
        if (index > 0) {
            out.write(',');
        }
        boolean quote = false;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c == ',' || c == '"' || c == '\n' || c == '\r') {
                quote = true;
                break;
            }
        }
        if (!quote) {
            out.write(s);
            return;
        }
        out.write('"');
        out.write(s.replace("\"", "\"\""));
        out.write('"');
    }

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof String s) {
            return Cells.neutralize(s);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        return v.toString();
    }

    @Override
    public void close() throws IOException {
        out.flush();
    }
}
