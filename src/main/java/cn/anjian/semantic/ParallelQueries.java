package cn.anjian.semantic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;

import org.springframework.security.concurrent.DelegatingSecurityContextExecutor;
import org.springframework.stereotype.Component;

/**
 * Runs independent warehouse statements of one answer side by side: a KPI's total, its comparisons and its
 * sparkline; the per-table statements of a query whose metrics live in several tables. Each task sees the
 * submitting user (the row scope reads it). When every thread is busy the caller runs the task itself, so nested
 * use (a KPI task whose query spans tables) can never wait on a full pool.
 */
@Component
public class ParallelQueries {

    private static final int THREADS = 8;

    private final ThreadPoolExecutor pool;
    private final Executor executor;

    ParallelQueries() {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(0, THREADS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, "warehouse-query-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, new ThreadPoolExecutor.CallerRunsPolicy());
        this.executor = new DelegatingSecurityContextExecutor(pool);
    }

    /** Starts the work; {@link #join} takes its answer. */
    public <T> CompletableFuture<T> start(Supplier<T> work) {
        return CompletableFuture.supplyAsync(work, executor);
    }

    /** All answers in order; the first task runs in the calling thread while the others run in the pool. */
    public <T> List<T> all(List<Supplier<T>> work) {
        List<CompletableFuture<T>> started = new ArrayList<>();
        for (int i = 1; i < work.size(); i++) {
            started.add(start(work.get(i)));
        }
        List<T> answers = new ArrayList<>();
        if (!work.isEmpty()) {
            answers.add(work.get(0).get());
        }
        started.forEach(f -> answers.add(join(f)));
        return answers;
    }

    /** The answer, or the exception the work threw (a bad filter stays a 400). */
    public static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }
}
