package cn.anjian.etl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Byte-level facts about a CSV file that decide whether DuckDB's own reader may read it directly (the fast path):
 * its physical lines must be its records, because the stage table's rowid then gives the row numbers. A quoted line
 * break, a blank line, a line with another number of separators or an unclosed quote sends the file through Java
 * instead, which numbers rows explicitly. Separators, quotes and line breaks are ASCII bytes that never occur inside
 * a UTF-8 or GBK/GB18030 multi-byte character, so one scan of the bytes serves both encodings.
 */
final class CsvScan {

    private CsvScan() {
    }

    /** The separator of the header line: the most frequent of , ; and tab (comma on a tie). */
    static char delimiter(Path file, Charset charset) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), charset))) {
            String line;
            while ((line = r.readLine()) != null && line.isBlank()) {
                // header search starts at the first non-blank line
            }
            if (line == null) {
                return ',';
            }
            long commas = line.chars().filter(c -> c == ',').count();
            long semicolons = line.chars().filter(c -> c == ';').count();
            long tabs = line.chars().filter(c -> c == '\t').count();
            if (tabs > commas && tabs >= semicolons) {
                return '\t';
            }
            return semicolons > commas ? ';' : ',';
        }
    }

    /** Whether every record is exactly one non-blank line with the header's number of separators. */
    static boolean linesAreRecords(Path file, char delimiter) throws IOException {
        byte[] buffer = new byte[1 << 16];
        boolean inQuotes = false;
        long separators = 0;
        long headerSeparators = -1;
        boolean lineEmpty = true;
        int previous = -1;
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    int b = buffer[i];
                    if (b == '"') {
                        inQuotes = !inQuotes;
                        lineEmpty = false;
                    } else if (b == '\n' || b == '\r') {
                        if (inQuotes) {
                            return false;
                        }
                        if (b == '\n' && previous == '\r') {
                            previous = b;
                            continue;
                        }
                        if (lineEmpty) {
                            return false;
                        }
                        if (headerSeparators < 0) {
                            headerSeparators = separators;
                        } else if (separators != headerSeparators) {
                            return false;
                        }
                        separators = 0;
                        lineEmpty = true;
                    } else {
                        if (b == delimiter && !inQuotes) {
                            separators++;
                        }
                        lineEmpty = false;
                    }
                    previous = b;
                }
            }
        }
        if (inQuotes) {
            return false;
        }
        return lineEmpty || headerSeparators < 0 || separators == headerSeparators;
    }
}
