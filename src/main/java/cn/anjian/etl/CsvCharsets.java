package cn.anjian.etl;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tells UTF-8 (with or without BOM) from GBK/GB18030, the two encodings Chinese CSV ledgers come in, and
 * transcodes GB18030 to UTF-8 (DuckDB's CSV reader only reads UTF-8 here). Both stream: no file is held in memory.
 */
final class CsvCharsets {

    static final Charset GB18030 = Charset.forName("GB18030");

    private CsvCharsets() {
    }

    /**
     * UTF-8 if the whole file decodes as UTF-8 (or starts with its BOM), else GB18030 (a superset of GBK). A file
     * whose lines with Chinese text are partly valid UTF-8 and partly not mixes two encodings (lines pasted from
     * another file): that is refused with the first line that breaks, rather than read as garbage.
     */
    static Charset detect(Path file) throws IOException {
        if (startsWithBom(head(file, 3))) {
            return StandardCharsets.UTF_8;
        }
        if (isUtf8(file)) {
            return StandardCharsets.UTF_8;
        }
        // not UTF-8 throughout: GBK, or a mix — worth a slower look line by line (the file is transcoded anyway)
        return byLines(file);
    }

    /**
     * For a file DuckDB's reader refused as not UTF-8 although it starts as UTF-8 ({@link #startsAsUtf8}): its
     * lines with Chinese text are then partly UTF-8 and partly not, which is refused here with the first line that
     * breaks. Returns normally only if Java reads every line as UTF-8 after all.
     */
    static void refuseMixed(Path file) throws IOException {
        byLines(file);
    }

    /** GB18030 when no line with non-ASCII text is UTF-8, UTF-8 when all are; refuses a file that mixes them. */
    private static Charset byLines(Path file) throws IOException {
        CharsetDecoder decoder = strictUtf8();
        long utf8Lines = 0;
        long line = 0;
        long firstBad = 0;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            java.io.ByteArrayOutputStream current = new java.io.ByteArrayOutputStream(256);
            boolean nonAscii = false;
            int b;
            while (true) {
                b = in.read();
                if (b == '\n' || b < 0) {
                    line++;
                    if (nonAscii) {
                        decoder.reset();
                        boolean valid = !decoder.decode(ByteBuffer.wrap(current.toByteArray()), CharBuffer.allocate(current.size() + 1), true).isError();
                        if (valid) {
                            utf8Lines++;
                        } else if (firstBad == 0) {
                            firstBad = line;
                        }
                        if (firstBad > 0 && utf8Lines > 0) {
                            throw new LedgerFormatException("文件混用了两种编码: 有的行是 UTF-8，第 " + Math.max(firstBad, 1)
                                    + " 行等却不是 (可能是 GBK)。请把整个文件另存为同一种编码 (UTF-8 或 GBK) 后再导入");
                        }
                    }
                    if (b < 0) {
                        break;
                    }
                    current.reset();
                    nonAscii = false;
                } else {
                    current.write(b);
                    nonAscii |= b >= 0x80;
                }
            }
        }
        return firstBad > 0 ? GB18030 : StandardCharsets.UTF_8;
    }

    /**
     * Whether the file starts as UTF-8: its BOM, or Chinese text in its first 64 KB that decodes as UTF-8 (ASCII alone
     * tells nothing). For a large template CSV this stands in for {@link #detect}'s pass over the whole file, because
     * DuckDB's reader checks every byte as it loads and refuses a file that is not UTF-8 further on
     * ({@link #isNotUtf8Error}). Such a file has UTF-8 lines and others, so the import then refuses it as a mix
     * ({@link #refuseMixed}) and never needs DuckDB again in the transaction its error ended.
     */
    static boolean startsAsUtf8(Path file) throws IOException {
        byte[] head = head(file, 1 << 16);
        if (startsWithBom(head)) {
            return true;
        }
        boolean nonAscii = false;
        for (byte b : head) {
            nonAscii |= b < 0;
        }
        return nonAscii
                && !strictUtf8().decode(ByteBuffer.wrap(head), CharBuffer.allocate(head.length), false).isError();
    }

    private static byte[] head(Path file, int bytes) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(bytes);
        }
    }

    private static boolean startsWithBom(byte[] head) {
        return head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF;
    }

    /** A UTF-8 decoder that reports a malformed byte instead of replacing it. */
    private static CharsetDecoder strictUtf8() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** DuckDB's reader refusing a file that is not UTF-8 ("Invalid unicode … This file is not utf-8 encoded"). */
    static boolean isNotUtf8Error(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains("Invalid unicode")) {
                return true;
            }
        }
        return false;
    }

    /** One streaming pass: does the whole file decode as UTF-8? */
    private static boolean isUtf8(Path file) throws IOException {
        CharsetDecoder decoder = strictUtf8();
        ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
        CharBuffer chars = CharBuffer.allocate(1 << 16);
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(bytes.array(), bytes.position(), bytes.remaining())) != -1) {
                bytes.position(bytes.position() + n);
                bytes.flip();
                if (decoder.decode(bytes, chars, false).isError()) {
                    return false;
                }
                bytes.compact();
                chars.clear();
            }
            bytes.flip();
            return !decoder.decode(bytes, chars, true).isError() && !decoder.flush(chars).isError();
        }
    }

    static void transcodeToUtf8(Path source, Charset charset, Path target) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(source), charset), 1 << 16);
             BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            char[] buffer = new char[1 << 16];
            int n;
            while ((n = reader.read(buffer)) != -1) {
                writer.write(buffer, 0, n);
            }
        }
    }
}
