package cn.anjian.lake;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import cn.anjian.etl.WarehouseChanged;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Brings the lake up to date after each completed import or withdrawal ({@code anjian.lake.after-import}), on a
 * thread of its own so the import's answer does not wait for Parquet. Imports that complete while a write runs are
 * folded into one further write: the write compares fingerprints, so it catches every change whatever triggered it.
 */
@Component
class LakeAfterImport {

    private static final Logger log = LoggerFactory.getLogger(LakeAfterImport.class);

    private final LakeWriter writer;
    private final LakeProperties properties;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lake-writer");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean queued = new AtomicBoolean();

    LakeAfterImport(LakeWriter writer, LakeProperties properties) {
        this.writer = writer;
        this.properties = properties;
    }

    @EventListener
    void changed(WarehouseChanged event) {
        if (!properties.afterImport() || !queued.compareAndSet(false, true)) {
            return;
        }
        thread.execute(() -> {
            queued.set(false);
            try {
                writer.write();
            } catch (RuntimeException e) {
                // the warehouse is fine; the next import's write (or POST /api/lake/write) catches up
                log.warn("Lake write after import {} failed: {}", event.batchId(), e.getMessage(), e);
            }
        });
    }

    @PreDestroy
    void stop() {
        thread.shutdownNow();
    }
}
