package cn.anjian.etl;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import cn.anjian.jooq.tables.records.EtlBatchRecord;

/**
 * Keeps the uploads folder small: an upload's working copy goes when its import completed without rejects (its name
 * and checksum stay in {@code etl_batch}); a failed one, or one with rejected rows (the 拒收记录 .xlsx reads them
 * from it), after {@code anjian.etl.upload-retention}. A queued or running import keeps its copy whatever its age:
 * {@link ImportRecovery} needs it to resume after a crash. Swept at start-up and after every import, so no
 * scheduler is needed.
 */
@Component
class UploadRetention {

    private static final Logger log = LoggerFactory.getLogger(UploadRetention.class);
    private static final Pattern UPLOAD = Pattern.compile("^(\\d{1,18})-.*");

    private final EtlProperties properties;
    private final EtlBatchRepository batches;
    private final Clock clock;

    UploadRetention(EtlProperties properties, EtlBatchRepository batches, Clock clock) {
        this.properties = properties;
        this.batches = batches;
        this.clock = clock;
    }

    static Path uploads(EtlProperties properties) {
        return properties.workDir().resolve("uploads");
    }

    /**
     * Deletes a completed import's working copy if it is an upload (never a file the CLI or the inbox named) and no
     * row was rejected.
     */
    void completed(long batchId, Path file) {
        Path dir = uploads(properties).toAbsolutePath().normalize();
        Path copy = file.toAbsolutePath().normalize();
        boolean rejects = batches.find(batchId).map(b -> b.getRowsRejected() != null && b.getRowsRejected() > 0).orElse(true);
        if (copy.startsWith(dir) && !rejects) {
            delete(copy);
        }
    }

    /** Deletes the copies of completed or withdrawn imports, and of failed ones older than the retention. */
    @EventListener(ApplicationReadyEvent.class)
    void sweep() {
        Path dir = uploads(properties);
        if (!Files.isDirectory(dir)) {
            return;
        }
        LocalDateTime before = LocalDateTime.now(clock).minus(properties.uploadRetention());
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Matcher m = UPLOAD.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue; // a copy still being made (upload-*.bin)
                }
                Optional<EtlBatchRecord> batch = batches.find(Long.parseLong(m.group(1)));
                if (batch.isPresent() && expired(batch.get(), before)) {
                    delete(f);
                }
            }
        } catch (IOException e) {
            log.warn("Cannot sweep the uploads in {}: {}", dir, e.getMessage());
        }
    }

    private static boolean expired(EtlBatchRecord batch, LocalDateTime before) {
        boolean old = batch.getFinishedAt() == null || batch.getFinishedAt().isBefore(before);
        return switch (batch.getStatus()) {
            case "COMPLETED" -> old || batch.getRowsRejected() == null || batch.getRowsRejected() == 0;
            case "FAILED", "WITHDRAWN" -> old;
            default -> false; // queued or running: a restart needs the file
        };
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Cannot delete the upload {}: {}", file, e.getMessage());
        }
    }
}
