package cn.anjian.etl;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Import settings.
 *
 * @param workDir where uploads are kept until imported and where ledgers are staged as UTF-8 CSV
 */
@Validated
@ConfigurationProperties("anjian.etl")
public record EtlProperties(@NotNull @DefaultValue("./data/work") Path workDir) {
}
