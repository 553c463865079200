package cn.anjian.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import org.springframework.jdbc.core.JdbcTemplate;

import tools.jackson.databind.json.JsonMapper;

/**
 * A town's report package (上报数据包, issue #17): one zip holding {@code manifest.json} first, then one Parquet file
 * per lake table ({@link LakeTable#ALL}) with the town's facts of a period and the dimensions they reference. The
 * town's app writes it ({@link ReportPackageWriter}); the county's app opens it here, which checks it whole before a
 * row is read: a zip that is complete, the manifest's format, every table present, and every file's SHA-256 and row
 * count. A package that fails is {@link Refused} with a Chinese reason naming the file and the table.
 */
public final class ReportPackage {

    /** What the manifest says it is. */
    public static final String FORMAT = "anjian-report-package";
    /** The package layout's version; an importer refuses another. */
    public static final int FORMAT_VERSION = 1;
    /** The manifest's name, the zip's first entry. */
    public static final String MANIFEST = "manifest.json";

    private ReportPackage() {
    }

    /**
     * {@code manifest.json}.
     *
     * @param schemaVersion the producing warehouse's latest applied migration ({@code V019}): the county imports
     *                      only packages of its own
     * @param towns         the towns whose rows the package holds (12-digit codes)
     * @param from          the first month of the period ({@code 2024-01}), {@code to} the last
     * @param createdAt     the producing app's clock, Asia/Shanghai
     */
    public record Manifest(String format, int formatVersion, String schemaVersion, String appVersion,
                           String createdAt, List<String> towns, String from, String to, List<Entry> tables) {

        public long rows() {
            return tables.stream().mapToLong(Entry::rows).sum();
        }
    }

    /** One table's file in the package. */
    public record Entry(String table, String file, long rows, String sha256) {
    }

    /** A package that cannot be imported, and why (in Chinese, naming the file and, where it is one, the table). */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** An opened, checked package: its manifest and each table's Parquet file, extracted. */
    public record Opened(Manifest manifest, Map<String, Path> files) {
    }

    /** The tables a package holds, as the lake lists them. */
    public static List<String> tables() {
        return LakeTable.ALL.stream().filter(LakeTable::packaged).map(LakeTable::name).toList();
    }

    /** The date column whose month puts a fact's row in a period; empty for a dimension. */
    public static Optional<String> dateColumn(String table) {
        return LakeTable.ALL.stream().filter(t -> t.name().equals(table)).findFirst()
                .map(LakeTable::dateColumn);
    }

    /** The warehouse's latest applied migration ({@code V019}), or null before any. */
    public static String schemaVersion(JdbcTemplate jdbc) {
        List<String> names = jdbc.queryForList(
                "SELECT script FROM anjian_schema_history WHERE version IS NOT NULL ORDER BY version DESC LIMIT 1",
                String.class);
        return names.isEmpty() ? null : names.get(0).replaceFirst("__.*", "");
    }

    /**
     * Whether a file is meant as a report package: a zip whose first entry is the manifest, or any file named
     * {@code .zip} (which is then refused with its reason if it is not one; a ledger is never a .zip).
     */
    public static boolean looksLikePackage(Path file, String fileName) {
        if (fileName != null && fileName.toLowerCase(Locale.ROOT).endsWith(".zip")) {
            return true;
        }
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(file))) {
            ZipEntry first = zip.getNextEntry();
            return first != null && MANIFEST.equals(first.getName());
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Opens and checks a package, extracting its Parquet files into {@code into}.
     *
     * @throws Refused when the file is no complete package of this format, or a file in it is not what the manifest
     *                 says (missing, another checksum)
     */
    public static Opened open(Path zipFile, String fileName, Path into, JsonMapper json) {
        String what = "数据包「" + fileName + "」";
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            ZipEntry manifestEntry = zip.getEntry(MANIFEST);
            if (manifestEntry == null) {
                throw new Refused("文件「" + fileName + "」不是上报数据包: 其中没有 " + MANIFEST);
            }
            Manifest manifest;
            try (InputStream in = zip.getInputStream(manifestEntry)) {
                manifest = json.readValue(in, Manifest.class);
            } catch (IOException | RuntimeException e) {
                throw new Refused(what + "的 " + MANIFEST + " 无法读取 (文件已损坏或不是本系统生成的数据包)", e);
            }
            if (!FORMAT.equals(manifest.format()) || manifest.formatVersion() != FORMAT_VERSION) {
                throw new Refused(what + "的格式是「" + manifest.format() + "」第 " + manifest.formatVersion()
                        + " 版，本系统只能导入「" + FORMAT + "」第 " + FORMAT_VERSION + " 版");
            }
            if (manifest.tables() == null || manifest.towns() == null || manifest.towns().isEmpty()) {
                throw new Refused(what + "的 " + MANIFEST + " 没有写明乡镇或表");
            }
            Map<String, Path> files = new LinkedHashMap<>();
            Files.createDirectories(into);
            // Parquet is compressed already, so a package barely shrinks in its zip: far more out than in is a bomb
            long allowed = Files.size(zipFile) * 8 + MAX_EXPANSION_SLACK;
            for (String table : tables()) {
                Entry entry = manifest.tables().stream().filter(e -> table.equals(e.table())).findFirst()
                        .orElseThrow(() -> new Refused(what + "缺少表 " + table));
                String name = table + ".parquet";
                if (!name.equals(entry.file())) {
                    throw new Refused(what + "中表 " + table + " 的文件名应为 " + name + "，而不是「" + entry.file() + "」");
                }
                ZipEntry z = zip.getEntry(name);
                if (z == null) {
                    throw new Refused(what + "缺少文件 " + name + " (表 " + table + ")");
                }
                Path target = into.resolve(name);
                String sha;
                try (InputStream in = zip.getInputStream(z);
                     DigestOutputStream out = new DigestOutputStream(Files.newOutputStream(target),
                             MessageDigest.getInstance("SHA-256"))) {
                    allowed -= copy(in, out, allowed, what, name);
                    out.flush();
                    sha = HexFormat.of().formatHex(out.getMessageDigest().digest());
                } catch (IOException e) {
                    throw new Refused(what + "中的 " + name + " (表 " + table + ") 不完整或已损坏，无法解压: 请重新传送", e);
                }
                if (!sha.equalsIgnoreCase(String.valueOf(entry.sha256()))) {
                    throw new Refused(what + "中的 " + name + " (表 " + table + ") 校验值 (SHA-256) 与清单不符: 文件在传送中"
                            + "损坏或被改动过，请让乡镇重新生成并传送");
                }
                files.put(table, target);
            }
            return new Opened(manifest, files);
        } catch (ZipException e) {
            throw new Refused(what + "不完整或已损坏 (不是完整的 zip 文件，可能传送中断): 请重新传送", e);
        } catch (IOException e) {
            throw new Refused(what + "无法读取: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes a package may unpack to beyond eight times its own size. */
    private static final long MAX_EXPANSION_SLACK = 64L << 20;

    private static long copy(InputStream in, OutputStream out, long allowed, String what, String name)
            throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long n = 0;
        for (int r = in.read(buffer); r >= 0; r = in.read(buffer)) {
            n += r;
            if (n > allowed) {
                throw new Refused(what + "中的 " + name + " 解压后远大于数据包本身 (疑似压缩炸弹)，已拒收");
            }
            out.write(buffer, 0, r);
        }
        return n;
    }

    /** Writes the file into the zip as the entry {@code name}. */
    static void add(java.util.zip.ZipOutputStream zip, String name, Path file) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        Files.copy(file, zip);
        zip.closeEntry();
    }

    static OutputStream unclosable(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
