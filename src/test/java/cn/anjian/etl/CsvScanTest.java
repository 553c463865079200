package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link CsvScan#linesAreRecords} decides whether DuckDB may number a file's rows by its lines. It reads eight bytes
 * at a time, so it is held here to the plain byte-by-byte rule on files whose quotes, separators and line breaks fall
 * on every position of a word and across the 1 MB read buffer.
 */
class CsvScanTest {

    @TempDir
    Path dir;

    @Test
    void tellsRecordLinesFromEverythingElse() throws Exception {
        assertThat(scan("编号,名称\nA1,消防\nA2,\"燃气,液化气\"\n")).isTrue();
        assertThat(scan("编号,名称\r\nA1,消防\r\nA2,x")).isTrue();
        assertThat(scan("编号,名称\nA1,消防\n\nA2,x\n")).as("blank line").isFalse();
        assertThat(scan("编号,名称\nA1,\"燃\n气\"\nA3,x\n")).as("quoted line break").isFalse();
        assertThat(scan("编号,名称\nA1,消防,多\nA2,x\n")).as("ragged").isFalse();
        assertThat(scan("编号,名称\nA1,\"消防\n")).as("unclosed quote").isFalse();
        assertThat(scan("编号;名称\nA1;消防,火灾\n", ';')).isTrue();
    }

    @Test
    void agreesWithTheByteByByteRuleOnRandomFiles() throws Exception {
        Random random = new Random(20261128);
        String[] pieces = {"a", "12", "消防", ",", ",", "\"", "\"x,y\"", "\n", "\r\n", "\r", "  "};
        for (int file = 0; file < 400; file++) {
            StringBuilder text = new StringBuilder("编号,名称,等级\n");
            int lines = 1 + random.nextInt(30);
            for (int line = 0; line < lines; line++) {
                if (random.nextInt(8) == 0) {
                    for (int k = random.nextInt(12); k > 0; k--) {
                        text.append(pieces[random.nextInt(pieces.length)]);
                    }
                } else {
                    text.append("H").append(line).append(',').append(random.nextBoolean() ? "\"燃气,液化气\"" : "隐患")
                            .append(',').append(random.nextInt(3));
                }
                text.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(scan(bytes, ',')).as(text.toString()).isEqualTo(reference(bytes, ','));
        }
    }

    @Test
    void readsAcrossTheReadBuffer() throws Exception {
        // records of 7 bytes put every line break, and the \r\n pairs, at every offset of a word and of the 1 MB buffer
        for (String end : new String[] {"\n", "\r\n"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("no,name" + end).getBytes(StandardCharsets.UTF_8));
            while (out.size() < (1 << 20) + 64) {
                out.writeBytes(("ab,\"c\"" + end).getBytes(StandardCharsets.UTF_8));
            }
            byte[] good = out.toByteArray();
            assertThat(scan(good, ',')).isTrue();
            for (int at = (1 << 20) - 9; at < (1 << 20) + 9; at++) {
                byte[] bad = good.clone();
                bad[at] = ',';
                assertThat(scan(bad, ',')).as("separator put at " + at).isEqualTo(reference(bad, ','));
            }
        }
    }

    private boolean scan(String text) throws Exception {
        return scan(text, ',');
    }

    private boolean scan(String text, char delimiter) throws Exception {
        return scan(text.getBytes(StandardCharsets.UTF_8), delimiter);
    }

    private boolean scan(byte[] bytes, char delimiter) throws Exception {
        Path file = Files.write(dir.resolve("f.csv"), bytes);
        return CsvScan.linesAreRecords(file, delimiter);
    }

    /** The rule, one byte at a time. */
    private static boolean reference(byte[] bytes, char delimiter) {
        boolean inQuotes = false;
        long separators = 0;
        long headerSeparators = -1;
        boolean lineEmpty = true;
        int previous = -1;
        for (byte value : bytes) {
            int b = value;
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
        return !inQuotes && (lineEmpty || headerSeparators < 0 || separators == headerSeparators);
    }
}
