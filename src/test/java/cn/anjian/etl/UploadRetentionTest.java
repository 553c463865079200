package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Upload retention (issue #14): the working copy of an upload that loaded cleanly is deleted when its import
 * completes (name and checksum stay in etl_batch); a failed upload's copy is kept for anjian.etl.upload-retention
 * (7 days here, counted on the suite's clock, 2026-06-15), and a queued or running import's copy is never deleted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class UploadRetentionTest {

    @TempDir
    static Path warehouse;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("retention.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
        registry.add("anjian.etl.upload-retention", () -> "7d");
    }

    @Autowired
    LedgerImportService imports;

    @Autowired
    UploadRetention retention;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void regions() throws IOException {
        if (jdbc.queryForObject("SELECT count(*) FROM dim_region", Long.class) == 0) {
            assertThat(imports.importNow(ImportKind.REGIONS, write("regions.csv", ImportJobTest.REGIONS), "regions.csv")
                    .status()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void aCleanUploadsCopyGoesWhenItsImportCompletesAndTheBatchKeepsItsNameAndChecksum() throws Exception {
        Path file = write("clean.csv", ImportJobTest.REGIONS);

        long id = imports.submit(ImportKind.REGIONS, file, "clean.csv");
        await(id);

        assertThat(imports.status(id).orElseThrow().status()).isEqualTo("COMPLETED");
        assertThat(imports.uploadPath(id, "clean.csv")).doesNotExist();
        assertThat(jdbc.queryForObject("SELECT file_name || ' ' || file_sha256 FROM etl_batch WHERE batch_id = ?",
                String.class, id)).isEqualTo("clean.csv " + LedgerImportService.sha256(file));
        assertThat(file).as("the caller's own file is never touched").exists();
    }

    @Test
    void aFailedUploadsCopyIsKeptForTheRetentionAndARunningImportsCopyAlways() throws Exception {
        long failed = imports.submit(ImportKind.HAZARDS, write("only-header.csv", "隐患编号,发现日期\n"), "only-header.csv");
        long recent = imports.submit(ImportKind.HAZARDS, write("recent.csv", "隐患编号,发现日期\n"), "recent.csv");
        await(failed);
        await(recent);
        assertThat(imports.status(failed).orElseThrow().status()).isEqualTo("FAILED");
        Path failedCopy = imports.uploadPath(failed, "only-header.csv");
        Path recentCopy = imports.uploadPath(recent, "recent.csv");
        assertThat(failedCopy).exists();
        // a running import interrupted long ago: ImportRecovery will need its file
        Path running = imports.uploadPath(9_999, "running.csv");
        Files.writeString(running, "x");
        jdbc.update("INSERT INTO etl_batch (batch_id, kind, file_name, file_sha256, status, started_at, finished_at, rows_read, rows_written,"
                + " rows_rejected) VALUES (9999, 'hazards', 'running.csv', 'x', 'STARTED', TIMESTAMP '2026-01-01 08:00:00', NULL, 0, 0, 0)");

        jdbc.update("UPDATE etl_batch SET finished_at = TIMESTAMP '2026-06-07 23:00:00' WHERE batch_id = ?", failed);
        jdbc.update("UPDATE etl_batch SET finished_at = TIMESTAMP '2026-06-09 12:00:00' WHERE batch_id = ?", recent);
        retention.sweep();

        assertThat(failedCopy).as("failed 7 days and more before 2026-06-15").doesNotExist();
        assertThat(recentCopy).as("failed 6 days before").exists();
        assertThat(running).exists();
    }

    private void await(long id) throws InterruptedException {
        for (int i = 0; i < 600 && imports.status(id).orElseThrow().status().startsWith("START"); i++) {
            Thread.sleep(100);
        }
    }

    private Path write(String name, String content) throws IOException {
        Path dir = Files.createTempDirectory(files, "f");
        Path file = dir.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }
}
