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
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.ibm.icu.text.CharsetDetector;
import com.ibm.icu.text.CharsetMatch;

/**
 * The one place that decides a CSV ledger's encoding and turns it into UTF-8 (DuckDB's CSV reader only reads UTF-8
 * here). The strict checks speak first: a byte-order mark, UTF-16 by its zero bytes, the whole file valid UTF-8,
 * then GBK/GB18030 when nearly every double-byte character of the sample is a GB2312 character (real simplified
 * Chinese; Windows-1252 "é" before a letter, or Big5, decodes as GBK too, but not into GB2312 pairs). Only then ICU's
 * statistical {@link CharsetDetector} is asked, over the first {@value #SAMPLE} bytes: Big5 (or GB18030 with rare
 * characters) is trusted at a confidence of {@value #MIN_CONFIDENCE} or more and {@value #MIN_LEAD} points ahead of
 * the next answer (a 40-line Big5 ledger scores 88, a GBK one 93–100; a line or two of Big5 only 10), Windows-1252 /
 * Latin-1 at {@value #MIN_LATIN_CONFIDENCE} or more when the sample cannot be read as GBK or Big5 (Western ledgers
 * score 36–73). Anything else is refused with the candidates and the first lines decoded each way, and the user
 * names the encoding ({@code encoding=}). Figures from {@code EncodingDetectionTest}'s samples. Everything streams.
 */
final class CsvCharsets {

    static final Charset GB18030 = Charset.forName("GB18030");
    static final Charset BIG5 = Charset.forName("Big5");
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** How much of a file the detector reads. */
    static final int SAMPLE = 512 * 1024;
    static final int MIN_CONFIDENCE = 50;
    static final int MIN_LEAD = 15;
    static final int MIN_LATIN_CONFIDENCE = 20;

    /** The names a user may give {@code encoding=} (lower case, without spaces) and what they read as. */
    private static final Map<String, Charset> NAMED = Map.ofEntries(
            Map.entry("utf-8", StandardCharsets.UTF_8), Map.entry("utf8", StandardCharsets.UTF_8),
            Map.entry("gbk", GB18030), Map.entry("gb2312", GB18030), Map.entry("gb18030", GB18030),
            Map.entry("big5", BIG5),
            Map.entry("utf-16", StandardCharsets.UTF_16), Map.entry("utf-16le", StandardCharsets.UTF_16LE),
            Map.entry("utf-16be", StandardCharsets.UTF_16BE),
            Map.entry("windows-1252", WINDOWS_1252), Map.entry("cp1252", WINDOWS_1252),
            Map.entry("latin-1", WINDOWS_1252), Map.entry("latin1", WINDOWS_1252),
            Map.entry("iso-8859-1", WINDOWS_1252));

    /** The choices of the upload page's select and the usage texts: value → label. */
    static final Map<String, String> CHOICES = choices();

    private CsvCharsets() {
    }

    private static Map<String, String> choices() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("UTF-8", "UTF-8");
        c.put("GB18030", "GBK / GB18030 (简体中文)");
        c.put("Big5", "Big5 (繁体中文)");
        c.put("UTF-16LE", "UTF-16LE (Unicode，Excel “Unicode 文本”)");
        c.put("UTF-16BE", "UTF-16BE");
        c.put("windows-1252", "Windows-1252 / Latin-1 (西文)");
        return Collections.unmodifiableMap(c);
    }

    /** The charset a user named ({@code encoding=gbk}, {@code Latin-1} …); empty for a name we do not read. */
    static Optional<Charset> named(String name) {
        return name == null ? Optional.empty()
                : Optional.ofNullable(NAMED.get(name.trim().toLowerCase(Locale.ROOT).replace(" ", "").replace('_', '-')));
    }

    /** How an encoding is shown to a user. */
    static String label(Charset charset) {
        if (charset.equals(GB18030)) {
            return "GBK/GB18030";
        }
        if (charset.equals(WINDOWS_1252)) {
            return "Windows-1252/Latin-1";
        }
        return charset.name();
    }

    /** Detects a file's encoding (see the class comment), or refuses it as binary or uncertain. */
    static Charset detect(Path file, String fileName) throws IOException {
        byte[] head = head(file, SAMPLE);
        if (startsWithBom(head)) {
            return StandardCharsets.UTF_8;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        Charset utf16 = utf16ByZeros(head);
        if (utf16 != null) {
            return utf16;
        }
        refuseBinary(head, fileName);
        if (isUtf8(file)) {
            return StandardCharsets.UTF_8;
        }
        // not UTF-8 throughout: another encoding, or a mix — worth a slower look line by line
        if (byLines(file).equals(StandardCharsets.UTF_8)) {
            return StandardCharsets.UTF_8;
        }
        if (isGb2312Text(head)) {
            return GB18030;
        }
        return byDetector(head, fileName);
    }

    /** A file of UTF-16 text without BOM: every other byte of its ASCII characters (separators, digits) is zero. */
    private static Charset utf16ByZeros(byte[] head) {
        int units = Math.min(head.length, 1 << 16) / 2;
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < units; i++) {
            evenZeros += head[2 * i] == 0 ? 1 : 0;
            oddZeros += head[2 * i + 1] == 0 ? 1 : 0;
        }
        Charset guess = null;
        // ASCII puts its zero in one half; the other half has zeros only in the odd CJK character (一 is U+4E00)
        if (units >= 4 && oddZeros >= Math.max(2, units / 10) && evenZeros <= oddZeros / 4) {
            guess = StandardCharsets.UTF_16LE;
        } else if (units >= 4 && evenZeros >= Math.max(2, units / 10) && oddZeros <= evenZeros / 4) {
            guess = StandardCharsets.UTF_16BE;
        }
        return guess != null && decodes(head, 2 * units, guess) ? guess : null;
    }

    /**
     * A file that is no text at all (a PDF, an image, random bytes): zero bytes, or control characters text never
     * has. One named .xlsx or .xls is told so: it is not the workbook its name says.
     */
    private static void refuseBinary(byte[] head, String fileName) {
        int controls = 0;
        boolean zero = false;
        for (byte b : head) {
            zero |= b == 0;
            controls += b >= 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' ? 1 : 0;
        }
        if (!zero && controls <= head.length / 100) {
            return;
        }
        String lower = String.valueOf(fileName).toLowerCase(Locale.ROOT);
        if (lower.endsWith(".xlsx") || lower.endsWith(".xls") || lower.endsWith(".xlsm")) {
            throw new LedgerFormatException("文件「" + fileName + "」不是 Excel 文件: 名字是 Excel 工作簿，内容却不是 (可能已损坏、"
                    + "未完整上传，或是改了扩展名的其他文件)。请在 Excel 中打开确认后另存为 .xlsx 再导入");
        }
        throw new LedgerFormatException("文件「" + fileName + "」不是文本或 Excel 文件 (可能是 PDF、图片、压缩包或已损坏的文件)，"
                + "无法作为台账读取。请上传 .xlsx、.xls 或 .csv 台账");
    }

    /**
     * The first word for Chinese files: the sample decodes as GB18030 and at least 97 % of its double-byte
     * characters are GB2312 characters (lead and trail byte 0xA1–0xFE), as real simplified Chinese text is. Big5
     * text has trail bytes 0x40–0x7E in about half its characters, Windows-1252 letters are followed by ASCII.
     */
    static boolean isGb2312Text(byte[] head) {
        long gb2312 = 0;
        long other = 0;
        int i = 0;
        while (i < head.length) {
            int b = head[i] & 0xFF;
            if (b < 0x80) {
                i++;
                continue;
            }
            if (b == 0x80 || b == 0xFF || i + 1 >= head.length) {
                return i + 1 >= head.length && gb2312 > 0 && gb2312 * 100 >= 97 * (gb2312 + other);
            }
            int t = head[i + 1] & 0xFF;
            if (t >= 0x30 && t <= 0x39) { // four-byte GB18030 sequence
                if (i + 3 >= head.length) {
                    break;
                }
                int t2 = head[i + 2] & 0xFF;
                int t3 = head[i + 3] & 0xFF;
                if (t2 < 0x81 || t2 > 0xFE || t3 < 0x30 || t3 > 0x39) {
                    return false;
                }
                other++;
                i += 4;
                continue;
            }
            if (t < 0x40 || t == 0x7F || t == 0xFF) {
                return false;
            }
            if (b >= 0xA1 && t >= 0xA1) {
                gb2312++;
            } else {
                other++;
            }
            i += 2;
        }
        return gb2312 > 0 && gb2312 * 100 >= 97 * (gb2312 + other);
    }

    /**
     * ICU's verdict, trusted only when sure (see the class comment); otherwise the file is refused with candidates.
     * A Western answer rests on structure, not on ICU's figure: ICU scores Latin-1 from the ASCII around the accents
     * (a ledger's English header alone gives it 40), so Windows-1252 is taken only when the sample cannot be read as
     * GBK or Big5 at all (an accent before a space, comma or quote never can; "Montréal" can: 閍).
     */
    private static Charset byDetector(byte[] head, String fileName) {
        CharsetDetector detector = new CharsetDetector();
        detector.setText(head);
        CharsetMatch[] matches = detector.detectAll();
        Charset best = matches.length == 0 ? null : readable(matches[0].getName());
        int confidence = matches.length == 0 ? 0 : matches[0].getConfidence();
        int next = 0;
        for (int i = 1; i < matches.length; i++) {
            if (best == null || !best.equals(readable(matches[i].getName()))) {
                next = matches[i].getConfidence();
                break;
            }
        }
        int length = complete(head);
        boolean sure;
        if (WINDOWS_1252.equals(best)) {
            sure = confidence >= MIN_LATIN_CONFIDENCE && !decodes(head, length, GB18030) && !decodes(head, length, BIG5);
        } else {
            sure = best != null && confidence >= MIN_CONFIDENCE && confidence - next >= MIN_LEAD;
        }
        if (sure && decodes(head, length, best)) {
            return best;
        }
        throw new EncodingUncertain(fileName, candidates(head, matches));
    }

    /** The encodings a file may be in, best first: ICU's readable answers, then GBK, Big5 and Windows-1252. */
    private static List<EncodingUncertain.Candidate> candidates(byte[] head, CharsetMatch[] matches) {
        Map<Charset, Integer> confidence = new LinkedHashMap<>();
        for (CharsetMatch m : matches) {
            Charset c = readable(m.getName());
            if (c != null && !c.name().startsWith("UTF-16")) {
                confidence.putIfAbsent(c, m.getConfidence());
            }
        }
        for (Charset c : List.of(GB18030, BIG5, WINDOWS_1252)) {
            confidence.putIfAbsent(c, 0);
        }
        List<EncodingUncertain.Candidate> candidates = new ArrayList<>();
        confidence.forEach((c, n) -> candidates.add(new EncodingUncertain.Candidate(c.name(), label(c), n, preview(head, c))));
        return candidates;
    }

    /** The first three non-blank lines of the sample decoded in a charset, each cut at 80 characters. */
    static List<String> preview(byte[] head, Charset charset) {
        String text = new String(head, 0, Math.min(head.length, 4096), charset);
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (!line.isBlank() && lines.size() < 3) {
                lines.add(line.length() > 80 ? line.substring(0, 80) + "…" : line.replace("\uFEFF", ""));
            }
        }
        return lines;
    }

    /** The Java charset of an ICU answer, if it is one we read. */
    private static Charset readable(String icuName) {
        return switch (icuName) {
            case "GB18030" -> GB18030;
            case "Big5" -> BIG5;
            case "ISO-8859-1", "windows-1252" -> WINDOWS_1252;
            case "UTF-16LE" -> StandardCharsets.UTF_16LE;
            case "UTF-16BE" -> StandardCharsets.UTF_16BE;
            default -> null;
        };
    }

    /** The sample's length without a multi-byte character the sample's end may cut. */
    private static int complete(byte[] head) {
        return head.length < SAMPLE ? head.length : Math.max(0, head.length - 4);
    }

    /** Whether the first {@code length} bytes decode in the charset without a malformed or unmappable byte. */
    private static boolean decodes(byte[] head, int length, Charset charset) {
        return !charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(head, 0, length), CharBuffer.allocate(length + 1), true).isError();
    }

    /**
     * For a file DuckDB's reader refused as not UTF-8 although it starts as UTF-8 ({@link #startsAsUtf8}): its
     * lines with Chinese text are then partly UTF-8 and partly not, which is refused here with the first line that
     * breaks. Returns normally only if Java reads every line as UTF-8 after all.
     */
    static void refuseMixed(Path file) throws IOException {
        byLines(file);
    }

    /** Not UTF-8 (GB18030 is returned) when no line with non-ASCII text is UTF-8, UTF-8 when all are; refuses a mix. */
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

    /** Streams a file in another encoding into UTF-8 (without a byte-order mark), for DuckDB's reader. */
    static void transcodeToUtf8(Path source, Charset charset, Path target) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(source), charset), 1 << 16);
             BufferedWriter writer = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            char[] buffer = new char[1 << 16];
            int n;
            boolean first = true;
            while ((n = reader.read(buffer)) != -1) {
                int from = first && n > 0 && buffer[0] == '\uFEFF' ? 1 : 0;
                first = false;
                writer.write(buffer, from, n - from);
            }
        }
    }
}
