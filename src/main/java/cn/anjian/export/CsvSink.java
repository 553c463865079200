package cn.anjian.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** CSV as Excel in China opens it: UTF-8 with a byte order mark, RFC 4180 quoting, CRLF line ends. */
final class CsvSink implements TableSink {

    private final CSVPrinter printer;
    private boolean headerWritten;

    CsvSink(OutputStream out) {
        try {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            writer.write('\uFEFF');
            this.printer = new CSVPrinter(writer, CSVFormat.RFC4180);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void table(String name, List<String> headers, List<ColumnKind> kinds) throws IOException {
        if (!headerWritten) {
            printer.printRecord(headers);
            headerWritten = true;
        }
    }

    @Override
    public void row(Object[] values) throws IOException {
        for (Object v : values) {
            printer.print(text(v));
        }
        printer.println();
    }

    /** A row read as text: only text columns can carry user formulas, numbers and dates are written as read. */
    void row(Object[] values, ColumnKind[] kinds) throws IOException {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            printer.print(v == null ? "" : kinds[i] == ColumnKind.TEXT ? Cells.neutralize((String) v) : v);
        }
        printer.println();
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
        printer.flush();
    }
}
