package cn.anjian.export;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Scheduled statistics reports.
 *
 * @param dir  where the workbooks are written ({@code anjian.reports.dir})
 * @param cron when the job runs, in China time; by default 01:30 on the 1st of each month
 *             ({@code anjian.reports.cron}; {@code -} switches the job off)
 */
@ConfigurationProperties("anjian.reports")
record ReportProperties(@DefaultValue("./data/reports") Path dir, @DefaultValue("0 30 1 1 * *") String cron) {
}
