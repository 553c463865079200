package cn.anjian.lake;

import java.util.List;
import java.util.Map;

/**
 * {@code _manifest.json}: what the lake holds and how it was made. Engines need none of it (they read the folders);
 * it is for the next write, which compares each partition's fingerprint to find the ones that changed, and for
 * people and scripts checking a copy (row counts, file sizes and SHA-256 per file).
 *
 * @param schemaVersion   the lake's layout version ({@link LakeWriter#SCHEMA_VERSION}); a reader refuses others
 * @param warehouseSchema the warehouse's last applied migration, whose columns the files carry
 * @param writtenAt       when (the app's clock, Asia/Shanghai)
 */
public record LakeManifest(int schemaVersion, String warehouseSchema, String writtenAt, List<Table> tables) {

    /** One table: its partition columns, its columns (partition columns last) and its partitions. */
    public record Table(String name, List<String> partitionBy, List<Column> columns, long rows,
                        List<Partition> partitions) {
    }

    public record Column(String name, String type) {
    }

    /**
     * One partition folder ({@code year=2024/county=…/town=…}, or {@code ""} for an unpartitioned table).
     *
     * @param fingerprint the row count and a sum of row hashes, as DuckDB computed them from the warehouse
     */
    public record Partition(String path, Map<String, String> values, long rows, String fingerprint,
                            List<DataFile> files) {
    }

    public record DataFile(String name, long bytes, String sha256) {
    }
}
