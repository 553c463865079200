package cn.anjian.lake;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Parquet lake.
 *
 * @param dir         where every fact and dimension is written as Hive-partitioned Parquet with a {@code _manifest.json}
 * @param afterImport whether each completed import (and withdrawal) rewrites the partitions it changed
 */
@Validated
@ConfigurationProperties("anjian.lake")
public record LakeProperties(@NotNull @DefaultValue("./data/lake") Path dir,
                             @DefaultValue("true") boolean afterImport) {
}
