package cn.anjian.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;

import org.jooq.DSLContext;
import org.jooq.Select;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Detail files DuckDB writes itself with {@code COPY … TO}, at DuckDB's own speed, streamed to the client.
 *
 * <p>CSV goes through a named pipe (mkfifo): DuckDB writes into it while this thread copies what arrives to the
 * response, so bytes leave as rows are read and neither the heap nor the disk ever holds the file; the pipe's
 * buffer (64 KB) is the only window. Reading a JDBC result set cell by cell was 10x slower than DuckDB's writer
 * (bench/exports/RESULTS-exports.md). Where mkfifo is missing (Windows), the CSV is written to a temp file first.
 * Parquet needs its footer written last, so it always goes through a temp file.
 *
 * <p>{@code COPY} takes no bind parameters, so the query is rendered with its values inlined. That is safe here:
 * the filter parser admitted only codes from the reference tables and dates it built itself, and jOOQ escapes
 * literals anyway.
 */
@Component
class CopyStreams {

    private static final Logger log = LoggerFactory.getLogger(CopyStreams.class);
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    /** RFC 4180 as Excel reads it: quotes where needed, CRLF; the header row is the query's Chinese aliases. */
    private static final String CSV = "(FORMAT csv, HEADER, NEW_LINE e'\\r\\n', USE_TMP_FILE false)";
    private static final String PARQUET = "(FORMAT parquet, COMPRESSION zstd)";

    private final DSLContext dsl;
    private final Path workDir;
    private final ExecutorService writers;
    private volatile boolean pipes = true;

    CopyStreams(DSLContext dsl, @Value("${anjian.etl.work-dir:./data/work}") Path workDir) {
        this.dsl = dsl;
        this.workDir = workDir.resolve("exports");
        AtomicInteger n = new AtomicInteger();
        this.writers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "export-copy-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The query's rows as CSV in UTF-8 with a byte order mark (so Excel in China reads it); returns the rows. */
    long csv(Select<?> query, OutputStream out) throws IOException {
        out.write(UTF8_BOM);
        Path pipe = pipes ? newPipe() : null;
        if (pipe == null) {
            return viaTempFile(query, CSV, ".csv", out);
        }
        try {
            CountDownLatch opened = new CountDownLatch(1);
            Future<Long> copy = writers.submit(() -> {
                try {
                    return copy(query, pipe, CSV);
                } catch (RuntimeException e) {
                    // DuckDB failed before or while writing: be the pipe's writer until the reader is in, then
                    // close, so the reader sees the end of the stream instead of waiting for ever
                    try (RandomAccessFile writer = new RandomAccessFile(pipe.toFile(), "rw")) {
                        opened.await(1, TimeUnit.MINUTES);
                    }
                    throw e;
                }
            });
            try (InputStream in = Files.newInputStream(pipe)) {
                opened.countDown();
                in.transferTo(out);
            } catch (IOException e) {
                // the client went away: closing our end makes DuckDB's next write fail, which ends the COPY
                await(copy);
                throw e;
            }
            return result(copy);
        } finally {
            Files.deleteIfExists(pipe);
        }
    }

    /** The query's rows as Parquet (ZSTD); returns the rows. */
    long parquet(Select<?> query, OutputStream out) throws IOException {
        return viaTempFile(query, PARQUET, ".parquet", out);
    }

    private long viaTempFile(Select<?> query, String options, String suffix, OutputStream out) throws IOException {
        Files.createDirectories(workDir);
        Path file = workDir.resolve("export-" + UUID.randomUUID() + suffix);
        try {
            long rows = copy(query, file, options);
            Files.copy(file, out);
            return rows;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private long copy(Select<?> query, Path target, String options) {
        String sql = "COPY (" + dsl.renderInlined(query) + ") TO '" + target.toString().replace("'", "''") + "' "
                + options;
        return dsl.connectionResult(connection -> {
            try (Statement st = connection.createStatement()) {
                if (st.execute(sql)) {
                    try (ResultSet rs = st.getResultSet()) {
                        return rs.next() ? rs.getLong(1) : -1L;
                    }
                }
                return (long) st.getUpdateCount();
            }
        });
    }

    /** A new named pipe in the work directory, or {@code null} where the system has no mkfifo. */
    private Path newPipe() throws IOException {
        Files.createDirectories(workDir);
        Path pipe = workDir.resolve("export-" + UUID.randomUUID() + ".csv");
        try {
            Process p = new ProcessBuilder("mkfifo", "-m", "600", pipe.toString()).redirectErrorStream(true).start();
            String message = new String(p.getInputStream().readAllBytes()).strip();
            if (p.waitFor() == 0) {
                return pipe;
            }
            log.warn("mkfifo {} failed ({}); CSV exports go through a temp file", pipe, message);
        } catch (IOException e) {
            log.warn("No mkfifo on this system ({}); CSV exports go through a temp file", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while creating the export pipe", e);
        }
        pipes = false;
        return null;
    }

    private static void await(Future<Long> copy) {
        try {
            copy.get(1, TimeUnit.MINUTES);
        } catch (Exception ignored) {
            // the client's failure is the one to report; the COPY failing after it is expected
            if (ignored instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static long result(Future<Long> copy) throws IOException {
        try {
            return copy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while exporting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }

    @PreDestroy
    void stop() {
        writers.shutdownNow();
    }
}
