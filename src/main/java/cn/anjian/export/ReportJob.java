package cn.anjian.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import cn.anjian.security.SystemActor;
import org.springframework.stereotype.Component;

/**
 * On the 1st of each month writes the previous month's statistics workbook into {@code anjian.reports.dir}, and
 * after a quarter's last month also the quarter's. Time comes from the application's {@link Clock}
 * (tests fix it with {@code anjian.today}).
 */
@Component
class ReportJob {

    private static final Logger log = LoggerFactory.getLogger(ReportJob.class);
    static final String SCHEDULER = "scheduler";

    private final StatisticsReports reports;
    private final ExportAudit audit;
    private final Path dir;
    private final Clock clock;

    ReportJob(StatisticsReports reports, ExportAudit audit, ReportProperties properties,
              Clock clock) {
        this.reports = reports;
        this.audit = audit;
        this.dir = properties.dir();
        this.clock = clock;
    }

    @Scheduled(cron = "${anjian.reports.cron:0 30 1 1 * *}", zone = "Asia/Shanghai")
    void onSchedule() {
        run();
    }

    /** Writes the reports due now: last month's, and last quarter's when last month closed a quarter. */
    List<Path> run() {
        return SystemActor.call("scheduler", this::writeDue);
    }

    private List<Path> writeDue() {
        YearMonth last = YearMonth.now(clock).minusMonths(1);
        List<ReportPeriod> due = new ArrayList<>();
        due.add(ReportPeriod.month(last));
        if (last.getMonthValue() % 3 == 0) {
            due.add(ReportPeriod.quarter(last.getYear(), last.getMonthValue() / 3));
        }
        List<Path> written = new ArrayList<>();
        for (ReportPeriod period : due) {
            written.add(write(period));
        }
        return written;
    }

    /** Writes one period's workbook into the reports folder, atomically (a reader never sees half a file). */
    Path write(ReportPeriod period) {
        LocalDateTime made = LocalDateTime.now(clock);
        try {
            Files.createDirectories(dir);
            Path target = dir.resolve(period.fileName());
            Path tmp = Files.createTempFile(dir, ".report-", ".tmp");
            long rows;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                rows = reports.write(period, made, out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            audit.record(new ExportAudit.Entry(made, SCHEDULER, "报表 " + period.code(), "xlsx",
                    "统计期间: " + period.start() + " 至 " + period.end(), rows, "成功"));
            log.info("报表已生成: {}", target);
            return target;
        } catch (IOException e) {
            audit.record(new ExportAudit.Entry(made, SCHEDULER, "报表 " + period.code(), "xlsx", null, null,
                    "失败: " + e.getMessage()));
            throw new UncheckedIOException("无法写入报表 " + period.fileName(), e);
        }
    }

    /** Turns on Spring's scheduler for this job. */
    @Configuration(proxyBeanMethods = false)
    @EnableScheduling
    static class Scheduling {
    }
}
