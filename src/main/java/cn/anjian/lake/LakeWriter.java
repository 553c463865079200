package cn.anjian.lake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes every fact and dimension as Hive-partitioned Parquet (DESIGN §10), for engines that scale out (Spark,
 * Trino) and for DuckDB elsewhere, and rewrites only the partitions whose rows changed since the last write.
 *
 * <p>How a partition is known to have changed: in one read of the warehouse (one transaction, so one snapshot) DuckDB
 * computes per partition the row count and the sum of the rows' hashes; the manifest of the last write holds the same
 * fingerprint per partition. Partitions whose fingerprint differs are written with one {@code COPY … TO … (PARTITION_BY
 * …)} per table into a staging folder beside the lake, and each then replaces its folder with a rename; partitions
 * the warehouse no longer has are deleted; the manifest is written last, also by a rename. A reader sees a partition
 * either as it was or as it is, and a write that fails leaves the old manifest, so the next write redoes it.
 *
 * <p>{@code COPY} takes no bind parameters: the partition values inlined into the staging query come from the
 * warehouse itself (codes and years the fingerprint query returned), rendered as SQL literals by jOOQ.
 */
@Service
public class LakeWriter {

    /** The lake's layout version, in the manifest; readers (and the county's package import) refuse another. */
    public static final int SCHEMA_VERSION = 1;
    static final String MANIFEST = "_manifest.json";
    private static final Logger log = LoggerFactory.getLogger(LakeWriter.class);
    private static final String PARQUET = "FORMAT parquet, COMPRESSION zstd";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final JsonMapper json;
    private final Clock clock;
    private final LakeProperties properties;

    LakeWriter(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json, Clock clock,
               LakeProperties properties) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json.rebuild().enable(SerializationFeature.INDENT_OUTPUT).build();
        this.clock = clock;
        this.properties = properties;
    }

    /** Brings the configured lake ({@code anjian.lake.dir}) up to date with the warehouse. */
    public LakeWrite write() {
        return write(properties.dir());
    }

    /** Brings the lake in {@code dir} up to date with the warehouse, rewriting only the partitions that changed. */
    public synchronized LakeWrite write(Path dir) {
        try {
            Files.createDirectories(dir);
            Path staging = Files.createTempDirectory(dir, ".staging-");
            try {
                LakeManifest previous = read(dir);
                LakeWrite result = transactions.execute(status -> writeAll(dir, staging, previous));
                log.info("Lake {}: {} partitions written, {} unchanged, {} removed", dir, result.written().size(),
                        result.unchanged(), result.removed().size());
                return result;
            } finally {
                deleteTree(staging);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("湖目录无法写入: " + dir, e);
        }
    }

    /** The manifest of the lake in {@code dir}, or null when there is none (or it is unreadable or of another version). */
    public LakeManifest read(Path dir) {
        Path file = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            LakeManifest manifest = json.readValue(file.toFile(), LakeManifest.class);
            return manifest.schemaVersion() == SCHEMA_VERSION ? manifest : null;
        } catch (RuntimeException e) {
            log.warn("Lake manifest {} unreadable, the whole lake is rewritten: {}", file, e.getMessage());
            return null;
        }
    }

    private LakeWrite writeAll(Path dir, Path staging, LakeManifest previous) {
        Map<String, Map<String, LakeManifest.Partition>> before = new TreeMap<>();
        if (previous != null) {
            for (LakeManifest.Table t : previous.tables()) {
                before.put(t.name(), t.partitions().stream()
                        .collect(Collectors.toMap(LakeManifest.Partition::path, p -> p, (a, b) -> a,
                                LinkedHashMap::new)));
            }
        }
        List<String> written = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        int unchanged = 0;
        long rows = 0;
        List<LakeManifest.Table> tables = new ArrayList<>();
        for (LakeTable table : LakeTable.ALL) {
            Map<String, LakeManifest.Partition> old = before.getOrDefault(table.name(), Map.of());
            List<Fingerprint> now = fingerprints(table);
            List<Fingerprint> changed = now.stream()
                    .filter(f -> !(old.containsKey(f.path()) && old.get(f.path()).fingerprint().equals(f.value())
                            && Files.isDirectory(dir.resolve(table.name()).resolve(f.path()))))
                    .toList();
            Path tableDir = dir.resolve(table.name());
            if (!changed.isEmpty()) {
                copy(table, changed, changed.size() == now.size(), staging.resolve(table.name()));
            }
            Set<String> current = now.stream().map(Fingerprint::path).collect(Collectors.toSet());
            for (String path : old.keySet()) {
                if (!current.contains(path)) {
                    deleteTree(tableDir.resolve(path));
                    pruneEmptyParents(tableDir.resolve(path), dir);
                    removed.add(table.name() + "/" + path);
                }
            }
            List<LakeManifest.Partition> partitions = new ArrayList<>();
            for (Fingerprint f : now) {
                rows += f.rows();
                if (changed.contains(f)) {
                    Path target = tableDir.resolve(f.path());
                    replace(staging.resolve(table.name()).resolve(f.path()), target, table.partitioned());
                    partitions.add(new LakeManifest.Partition(f.path(), f.values(), f.rows(), f.value(),
                            files(target)));
                    written.add(f.path().isEmpty() ? table.name() : table.name() + "/" + f.path());
                } else {
                    partitions.add(old.get(f.path()));
                    unchanged++;
                }
            }
            if (now.isEmpty()) {
                deleteTree(tableDir);
            }
            tables.add(new LakeManifest.Table(table.name(), table.partitionBy(), columns(table),
                    now.stream().mapToLong(Fingerprint::rows).sum(), partitions));
        }
        LakeManifest manifest = new LakeManifest(SCHEMA_VERSION, warehouseSchema(),
                OffsetDateTime.now(clock).withNano(0).toString(), tables);
        try {
            Path tmp = staging.resolve(MANIFEST);
            json.writeValue(tmp.toFile(), manifest);
            Files.move(tmp, dir.resolve(MANIFEST), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LakeWrite(dir.toString(), written, unchanged, removed, rows);
    }

    /** One partition's values, folder and fingerprint as the warehouse has it now. */
    private record Fingerprint(Map<String, String> values, String path, long rows, String value) {
    }

    private List<Fingerprint> fingerprints(LakeTable table) {
        String keys = String.join(", ", table.partitionBy());
        String sql = "SELECT " + (table.partitioned() ? keys + ", " : "")
                + "count(*) AS n, CAST(sum(hash(s)::HUGEINT) AS VARCHAR) AS h FROM (" + table.source() + ") s"
                + (table.partitioned() ? " GROUP BY " + keys + " ORDER BY " + keys : "");
        return jdbc.query(sql, (rs, i) -> {
            Map<String, String> values = new LinkedHashMap<>();
            for (String key : table.partitionBy()) {
                values.put(key, rs.getString(key));
            }
            String path = values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("/"));
            long n = rs.getLong("n");
            return new Fingerprint(values, path, n, n + ":" + rs.getString("h"));
        }).stream().filter(f -> f.rows() > 0 || !table.partitioned()).toList();
    }

    private void copy(LakeTable table, List<Fingerprint> changed, boolean all, Path target) throws UncheckedIOException {
        String source = table.source();
        if (!table.partitioned()) {
            mkdirs(target);
            jdbc.execute("COPY (" + source + ") TO " + DSL.inline(target.resolve("data_0.parquet").toString())
                    + " (" + PARQUET + ")");
            return;
        }
        String keys = String.join(", ", table.partitionBy());
        String query = "SELECT * FROM (" + source + ") s";
        if (!all) {
            String values = changed.stream()
                    .map(f -> f.values().entrySet().stream()
                            .map(e -> e.getKey().equals("year") ? String.valueOf(Integer.parseInt(e.getValue()))
                                    : DSL.inline(e.getValue()).toString())
                            .collect(Collectors.joining(", ", "(", ")")))
                    .collect(Collectors.joining(", "));
            String on = table.partitionBy().stream().map(k -> "k." + k + " = s." + k)
                    .collect(Collectors.joining(" AND "));
            query = "SELECT s.* FROM (" + source + ") s SEMI JOIN (VALUES " + values + ") k(" + keys + ") ON " + on;
        }
        jdbc.execute("COPY (" + query + ") TO " + DSL.inline(target.toString()) + " (" + PARQUET
                + ", PARTITION_BY (" + keys + "), FILENAME_PATTERN 'data_{i}')");
    }

    private List<LakeManifest.Column> columns(LakeTable table) {
        return jdbc.query("DESCRIBE " + table.source(),
                (rs, i) -> new LakeManifest.Column(rs.getString("column_name"), rs.getString("column_type")));
    }

    private String warehouseSchema() {
        return ReportPackage.schemaVersion(jdbc);
    }

    /** Puts a freshly written partition folder (or an unpartitioned table's folder) in place of the old one. */
    private static void replace(Path fresh, Path target, boolean partitioned) {
        try {
            deleteTree(target);
            Files.createDirectories(target.getParent());
            Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<LakeManifest.DataFile> files(Path partition) {
        try (Stream<Path> files = Files.list(partition)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted()
                    .map(p -> new LakeManifest.DataFile(p.getFileName().toString(), size(p), sha256(p)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void mkdirs(Path p) {
        try {
            Files.createDirectories(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pruneEmptyParents(Path removed, Path root) {
        Path p = removed.getParent();
        while (p != null && !p.equals(root)) {
            try (Stream<Path> s = Files.list(p)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            } catch (IOException e) {
                return;
            }
            try {
                Files.delete(p);
            } catch (IOException e) {
                return;
            }
            p = p.getParent();
        }
    }

    public static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
