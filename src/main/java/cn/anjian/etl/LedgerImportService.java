package cn.anjian.etl;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;

/**
 * Runs imports one at a time on a single worker thread: DuckDB admits one writer per row at a time ("Conflict on
 * update" otherwise), and a queue is what a clerk uploading a month's ledgers expects anyway.
 */
@Service
class LedgerImportService implements ImportService, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LedgerImportService.class);

    private final JobOperator jobOperator;
    private final JobRepository jobRepository;
    private final Job job;
    private final EtlBatchRepository batches;
    private final EtlProperties properties;
    private final ImportWithdrawal withdrawal;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ledger-import");
        t.setDaemon(true);
        return t;
    });

    LedgerImportService(JobOperator jobOperator, JobRepository jobRepository, Job ledgerImportJob,
                        EtlBatchRepository batches, EtlProperties properties, ImportWithdrawal withdrawal) {
        this.withdrawal = withdrawal;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
        this.job = ledgerImportJob;
        this.batches = batches;
        this.properties = properties;
    }

    @Override
    public long submit(ImportKind kind, Path file, String originalName) {
        return submit(kind, null, null, file, originalName);
    }

    /**
     * Queues a file to be read through a mapping profile (null: the kind's profiles decide by its headers), a CSV
     * in the given encoding (null: detected).
     */
    long submit(ImportKind kind, String profile, Charset encoding, Path file, String originalName) {
        try {
            Path uploads = Files.createDirectories(properties.workDir().resolve("uploads"));
            Path copy = Files.createTempFile(uploads, "upload-", ".bin");
            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
            long id = batches.create(kind, originalName, sha256(copy));
            Path kept = uploadPath(id, originalName);
            Files.move(copy, kept, StandardCopyOption.REPLACE_EXISTING);
            worker.submit(() -> run(id, kind, profile, encoding, kept, originalName));
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ImportStatus importNow(ImportKind kind, Path file, String originalName) {
        return importNow(kind, null, null, file, originalName);
    }

    ImportStatus importNow(ImportKind kind, String profile, Charset encoding, Path file, String originalName) {
        long id = batches.create(kind, originalName, sha256(file));
        Future<?> done = worker.submit(() -> run(id, kind, profile, encoding, file, originalName));
        await(done);
        return status(id).orElseThrow();
    }

    @Override
    public Optional<ImportStatus> status(long id) {
        return batches.find(id).map(EtlBatchRepository::toStatus);
    }

    @Override
    public List<Reject> rejects(long id) {
        return batches.rejects(id);
    }

    @Override
    public List<Warning> warnings(long id, int limit) {
        return batches.warnings(id, limit);
    }

    @Override
    public List<Change> changes(long id, int limit) {
        return withdrawal.changes(id, limit);
    }

    /** On the import worker, so a withdrawal never runs beside an import that writes the same tables. */
    @Override
    public ImportStatus withdraw(long id, String reason, boolean chain, String user) {
        Future<ImportStatus> done = worker.submit(() -> withdrawal.withdraw(id, reason, chain, user));
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Restarts an import a crash interrupted, from the step it was in; queued behind any running import. */
    void resume(long id, Long jobExecutionId, ImportKind kind, Path file, String fileName) {
        worker.submit(() -> {
            JobExecution last = jobExecutionId == null ? null : jobRepository.getJobExecution(jobExecutionId);
            if (last == null) {
                run(id, kind, null, null, file, fileName);
                return;
            }
            try {
                if (last.getStatus().isRunning()) {
                    last = jobOperator.recover(last);
                }
                log.info("Resuming import {} ({}) after an interruption", id, fileName);
                jobOperator.restart(last);
            } catch (Exception e) {
                batches.finished(id, "FAILED", "中断后无法恢复: " + ImportFailure.reason(id, fileName, e));
            }
        });
    }

    private void run(long id, ImportKind kind, String profile, Charset encoding, Path file, String fileName) {
        JobParametersBuilder builder = new JobParametersBuilder();
        if (profile != null) {
            builder.addString(ImportJobConfiguration.PROFILE, profile, false);
        }
        if (encoding != null) {
            builder.addString(ImportJobConfiguration.ENCODING, encoding.name(), false);
        }
        JobParameters parameters = builder
                .addLong(ImportJobConfiguration.BATCH_ID, id)
                .addString(ImportJobConfiguration.KIND, kind.code(), false)
                .addString(ImportJobConfiguration.FILE, file.toAbsolutePath().toString(), false)
                .addString(ImportJobConfiguration.FILE_NAME, fileName, false)
                .toJobParameters();
        try {
            JobExecution execution = jobOperator.start(job, parameters);
            log.info("Import {} of {} ({}): {}", id, fileName, kind.code(), execution.getStatus());
        } catch (Exception e) {
            batches.finished(id, "FAILED", "无法启动导入: " + ImportFailure.reason(id, fileName, e));
        }
    }

    private static void await(Future<?> done) {
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    static String sha256(Path file) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where an upload waits for its import (until {@link UploadRetention} deletes it; etl_batch keeps its checksum). */
    Path uploadPath(long id, String originalName) {
        String base = originalName == null || originalName.isBlank() ? "ledger" : originalName;
        return properties.workDir().resolve("uploads")
                .resolve(id + "-" + base.replaceAll("[\\\\/:*?\"<>|\\s]", "_"));
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
    }
}
