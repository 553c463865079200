package cn.anjian.etl;

import org.springframework.stereotype.Component;

/**
 * A seam for crash tests: lets a test make the load step fail after its statements ran but before it commits, the
 * moment where a kill would hurt most. Does nothing unless a test arms it.
 */
@Component
public class LoadFailureInjector {

    private volatile long failBatch = -1;

    /** Makes the next load of this batch throw, once. */
    public void failOnce(long batchId) {
        this.failBatch = batchId;
    }

    void afterLoad(long batchId) {
        if (failBatch == batchId) {
            failBatch = -1;
            throw new IllegalStateException("simulated crash in the load step of import " + batchId);
        }
    }
}
