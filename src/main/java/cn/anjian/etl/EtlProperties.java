package cn.anjian.etl;

import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Import settings.
 *
 * @param workDir      where uploads are kept until imported and where ledgers are staged as UTF-8 CSV
 * @param mappingsDir  where users put their own mapping profiles (*.yaml), read at every import
 * @param inbox        a folder watched for ledgers to import unattended (moved to done/ or failed/); none if unset
 * @param inboxPoll    how often the inbox is looked at
 * @param maxCells     the most cells one file may have (a guard against files that would exhaust the disk)
 * @param uploadRetention how long the working copy of a failed upload is kept (to restart or inspect it), and of a
 *                     completed one with rejected rows (its 拒收记录 .xlsx shows them as they stand in the ledger);
 *                     the copy of an upload that loaded without rejects is deleted when its import completes
 * @param keepHistory  a switch for the import benchmark only (issue #14): {@code false} skips copying the prior
 *                     version of each rewritten row into the history tables, so the bench can time an import with
 *                     and without that copy. Never turn it off on a warehouse in use: an import made without it
 *                     cannot be withdrawn back to the rows it replaced. The app warns at start when it is off
 */
@Validated
@ConfigurationProperties("anjian.etl")
public record EtlProperties(@NotNull @DefaultValue("./data/work") Path workDir,
                            @DefaultValue("./etl/mappings") Path mappingsDir,
                            Path inbox,
                            @DefaultValue("5s") Duration inboxPoll,
                            @DefaultValue("200000000") long maxCells,
                            @NotNull @DefaultValue("30d") Duration uploadRetention,
                            @DefaultValue("true") boolean keepHistory) {
}
