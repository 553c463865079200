package cn.anjian.etl;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * Live progress of running imports, in memory: a step's own writes to {@code etl_batch} only become visible when
 * the step commits, so rows read while a big file is converted are counted here for the progress bar to poll.
 */
@Component
class ImportProgress {

    enum Phase {
        QUEUED(0, "排队中"), READING(5, "读取文件"), STAGING(45, "校验数据"), LOADING(65, "写入数据仓库"),
        MARTS(90, "更新统计"), DONE(100, "完成");

        final int start;
        final String labelZh;

        Phase(int start, String labelZh) {
            this.start = start;
            this.labelZh = labelZh;
        }
    }

    record Live(Phase phase, long rows, double fraction) {
    }

    private final Map<Long, Live> live = new ConcurrentHashMap<>();

    void phase(long id, Phase phase) {
        live.compute(id, (k, v) -> new Live(phase, v == null ? 0 : v.rows(), 0));
    }

    void rows(long id, long rows) {
        live.compute(id, (k, v) -> v == null ? new Live(Phase.READING, rows, 0) : new Live(v.phase(), rows, v.fraction()));
    }

    void fraction(long id, double fraction) {
        live.compute(id, (k, v) -> v == null ? new Live(Phase.READING, 0, fraction) : new Live(v.phase(), v.rows(), fraction));
    }

    void done(long id) {
        live.remove(id);
    }

    Live get(long id) {
        return live.get(id);
    }

    /** Percent done: a phase's start plus the part of it done (reading advances with the bytes read). */
    static int percent(String status, Live l) {
        if ("COMPLETED".equals(status) || "FAILED".equals(status) || "WITHDRAWN".equals(status)) {
            return 100;
        }
        if (l == null) {
            return "STARTED".equals(status) ? 2 : 0;
        }
        if (l.phase() == Phase.READING) {
            return Phase.READING.start + (int) Math.round(l.fraction() * (Phase.STAGING.start - Phase.READING.start));
        }
        return l.phase().start;
    }
}
