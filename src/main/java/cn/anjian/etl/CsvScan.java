package cn.anjian.etl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte-level facts about a CSV file that decide whether DuckDB's own reader may read it directly (the fast path):
 * its physical lines must be its records, because the stage table's rowid then gives the row numbers. A quoted line
 * break, a blank line (DuckDB skips it), a line with another number of separators or an unclosed quote sends the file
 * through Java instead, which numbers rows explicitly. Separators, quotes and line breaks are ASCII bytes that never
 * occur inside a UTF-8 or GBK/GB18030 multi-byte character, so one scan of the bytes serves both encodings.
 */
final class CsvScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;
    private static final long HIGH = 0x8080808080808080L;

    private CsvScan() {
    }

    /** The separator of a UTF-8 (or other ASCII-compatible) file's header line: see {@link #delimiter(Path, Charset)}. */
    static char delimiter(Path file) throws IOException {
        return delimiter(file, StandardCharsets.UTF_8);
    }

    /**
     * The separator of the header line: the most frequent of , ; and tab (comma on a tie). Read from the characters of
     * the first non-blank line in the file's encoding (UTF-16 separators are two bytes).
     */
    static char delimiter(Path file, Charset charset) throws IOException {
        long commas = 0;
        long semicolons = 0;
        long tabs = 0;
        boolean blank = true;
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)), 1 << 16)) {
            int b;
            while ((b = in.read()) >= 0) {
                if (b == '\n' || b == '\r') {
                    if (!blank) {
                        break;
                    }
                    commas = 0;
                    semicolons = 0;
                    tabs = 0;
                    continue;
                }
                switch (b) {
                    case ',' -> commas++;
                    case ';' -> semicolons++;
                    case '\t' -> tabs++;
                    default -> {
                    }
                }
                blank &= b == ' ' || b == '\t' || b == '\uFEFF';
            }
        }
        if (tabs > commas && tabs >= semicolons) {
            return '\t';
        }
        return semicolons > commas ? ';' : ',';
    }

    /**
     * Whether every record is exactly one non-blank line with the header's number of separators. It reads every
     * byte of files of gigabytes, so it looks at eight bytes at a time and goes byte by byte only through the words
     * that hold a quote or a line break: a byte-by-byte loop took 7–10 s on a 2.3 GB ledger (bench/RESULTS.md), a
     * third of what DuckDB needs to load it.
     */
    static boolean linesAreRecords(Path file, char delimiter) throws IOException {
        Lines lines = new Lines(delimiter);
        byte[] buffer = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while (lines.records && (n = in.readNBytes(buffer, 0, buffer.length)) > 0) {
                lines.accept(buffer, n);
            }
        }
        return lines.finish();
    }

    /** The state of one {@link #linesAreRecords} scan. */
    private static final class Lines {
        private final int delimiter;
        private final long separatorBytes;
        boolean records = true;
        private boolean inQuotes;
        private long separators;
        private long headerSeparators = -1;
        private long offset;        // file offset of the buffer's first byte
        private long lineStart;     // file offset of the current line's first byte
        private int last = -1;      // the byte before the buffer

        Lines(char delimiter) {
            this.delimiter = delimiter;
            this.separatorBytes = ONES * delimiter;
        }

        void accept(byte[] buf, int n) {
            int i = 0;
            for (; i + 8 <= n; i += 8) {
                long w = (long) LONGS.get(buf, i);
                if ((matches(w, ONES * '"') | matches(w, ONES * '\n') | matches(w, ONES * '\r')) == 0) {
                    if (!inQuotes) {
                        separators += Long.bitCount(matches(w, separatorBytes));
                    }
                } else {
                    for (int k = i; k < i + 8; k++) {
                        one(buf, k);
                    }
                }
            }
            for (; i < n; i++) {
                one(buf, i);
            }
            last = buf[n - 1];
            offset += n;
        }

        /** The high bit of each byte of w that equals the byte repeated in pattern (exact: no carries). */
        private static long matches(long w, long pattern) {
            long x = w ^ pattern;
            return ~(((x & LOW7) + LOW7) | x) & HIGH;
        }

        private void one(byte[] buf, int i) {
            int b = buf[i];
            if (b == '"') {
                inQuotes = !inQuotes;
            } else if (b == delimiter) {
                if (!inQuotes) {
                    separators++;
                }
            } else if (b == '\n' || b == '\r') {
                long at = offset + i;
                if (b == '\n' && (i == 0 ? last : buf[i - 1]) == '\r') {
                    lineStart = at + 1;
                    return;
                }
                if (inQuotes || at == lineStart) {
                    records = false;
                } else if (headerSeparators < 0) {
                    headerSeparators = separators;
                } else if (separators != headerSeparators) {
                    records = false;
                }
                separators = 0;
                lineStart = at + 1;
            }
        }

        boolean finish() {
            boolean lastLineOk = offset == lineStart || headerSeparators < 0 || separators == headerSeparators;
            return records && !inQuotes && lastLineOk;
        }
    }
}
