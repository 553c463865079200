package cn.anjian.warehouse;

import java.nio.file.Path;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the warehouse lives and how much native memory DuckDB may take.
 *
 * @param path         the DuckDB file; its folder is created on start
 * @param memoryLimit  DuckDB's {@code memory_limit} (native memory, outside the Java heap)
 * @param threads      DuckDB worker threads
 * @param poolSize     JDBC connections into the one database
 */
@Validated
@ConfigurationProperties("anjian.warehouse")
public record WarehouseProperties(
        @NotNull @DefaultValue("./data/anjian.duckdb") Path path,
        @NotBlank @DefaultValue("4GB") String memoryLimit,
        @DefaultValue("2") int threads,
        @DefaultValue("4") int poolSize) {
}
