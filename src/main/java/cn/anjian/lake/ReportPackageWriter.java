package cn.anjian.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipOutputStream;

import org.jooq.impl.DSL;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a town's report package (逐级上报, issue #17): for the towns of this warehouse (or one of them) and a period of
 * months, every lake table's rows ({@link LakeTable#slice}: the towns' facts of the period, their regions and
 * enterprises, the code tables) as Parquet, with a manifest naming the towns, the period, each file's rows and
 * SHA-256, the warehouse's schema version, the app's version and the time from the app's clock. All tables are read
 * in one transaction, so the package is one snapshot even while an import runs.
 */
@Service
public class ReportPackageWriter {

    /** The longest period one package may cover. */
    static final int MAX_MONTHS = 240;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final String appVersion;

    ReportPackageWriter(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json, Clock clock,
                        ObjectProvider<BuildProperties> build) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
        this.clock = clock;
        BuildProperties b = build.getIfAvailable();
        this.appVersion = b == null ? "unknown" : b.getVersion();
    }

    /** A request the warehouse cannot answer with a package (unknown town, empty or reversed period), in Chinese. */
    public static final class BadRequest extends RuntimeException {
        BadRequest(String message) {
            super(message);
        }
    }

    /** The towns a package of this warehouse holds: the one named (which must be a town here), else every town. */
    public List<String> towns(String town) {
        List<String> all = jdbc.queryForList(
                "SELECT region_code FROM dim_region WHERE region_level = 'town' ORDER BY region_code", String.class);
        if (town == null || town.isBlank()) {
            if (all.isEmpty()) {
                throw new BadRequest("本库还没有乡镇 (先导入区划表)，无法生成上报数据包");
            }
            return all;
        }
        if (!all.contains(town.strip())) {
            throw new BadRequest("本库没有代码为 " + town.strip() + " 的乡镇。本库的乡镇: " + String.join("、", all));
        }
        return List.of(town.strip());
    }

    /** The file name a package is offered under: {@code 上报数据包-<town>-2024-01-2024-12.zip}. */
    public static String fileName(List<String> towns, YearMonth from, YearMonth to) {
        return "上报数据包-" + (towns.size() == 1 ? towns.get(0) : towns.size() + "个乡镇") + "-" + from + "-" + to
                + ".zip";
    }

    /** Checks a period: from not after to, at most {@link #MAX_MONTHS} months. */
    public static void checkPeriod(YearMonth from, YearMonth to) {
        if (from.isAfter(to)) {
            throw new BadRequest("起始月份 " + from + " 晚于截止月份 " + to);
        }
        if (from.plusMonths(MAX_MONTHS - 1).isBefore(to)) {
            throw new BadRequest("一个数据包最多 " + MAX_MONTHS / 12 + " 年");
        }
    }

    /** Writes the package of {@code towns} for the months from..to into {@code out} (left open) and returns its manifest. */
    public ReportPackage.Manifest write(List<String> towns, YearMonth from, YearMonth to, OutputStream out) {
        checkPeriod(from, to);
        Path dir;
        try {
            dir = Files.createTempDirectory("anjian-package-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            List<ReportPackage.Entry> entries = transactions.execute(status -> copyAll(towns, from, to, dir));
            ReportPackage.Manifest manifest = new ReportPackage.Manifest(ReportPackage.FORMAT,
                    ReportPackage.FORMAT_VERSION, ReportPackage.schemaVersion(jdbc), appVersion,
                    OffsetDateTime.now(clock).withNano(0).toString(), List.copyOf(towns), from.toString(),
                    to.toString(), entries);
            Path manifestFile = dir.resolve(ReportPackage.MANIFEST);
            json.writeValue(manifestFile.toFile(), manifest);
            ZipOutputStream zip = new ZipOutputStream(ReportPackage.unclosable(out));
            ReportPackage.add(zip, ReportPackage.MANIFEST, manifestFile);
            for (ReportPackage.Entry e : entries) {
                ReportPackage.add(zip, e.file(), dir.resolve(e.file()));
            }
            zip.finish();
            zip.flush();
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            LakeWriter.deleteTree(dir);
        }
    }

    private List<ReportPackage.Entry> copyAll(List<String> towns, YearMonth from, YearMonth to, Path dir) {
        List<ReportPackage.Entry> entries = new ArrayList<>();
        for (LakeTable table : LakeTable.ALL.stream().filter(LakeTable::packaged).toList()) {
            Path file = dir.resolve(table.name() + ".parquet");
            jdbc.execute("COPY (" + table.slice(towns, from.atDay(1), to.atEndOfMonth()) + ") TO "
                    + DSL.inline(file.toString()) + " (FORMAT parquet, COMPRESSION zstd)");
            Long rows = jdbc.queryForObject("SELECT count(*) FROM read_parquet(" + DSL.inline(file.toString()) + ")",
                    Long.class);
            entries.add(new ReportPackage.Entry(table.name(), file.getFileName().toString(), rows == null ? 0 : rows,
                    LakeWriter.sha256(file)));
        }
        return entries;
    }
}
