package cn.anjian.etl;

import java.time.Clock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The unattended way in: ledgers dropped into {@code anjian.etl.inbox} are imported (the profile whose fields their
 * headers place decides the record type; a town's report package, a .zip, is imported as one) and moved to {@code done/} or {@code failed/}, each with a report beside it
 * ({@code <file>.report.txt}, and {@code <file>.rejects.xlsx} when rows were rejected). A file is taken once it has
 * not changed for one poll, so a copy still in progress is left alone.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "anjian.etl.inbox")
class InboxWatcher {

    private static final Logger log = LoggerFactory.getLogger(InboxWatcher.class);

    private final EtlProperties properties;
    private final LedgerStager stager;
    private final LedgerImportService imports;
    private final RejectReport reports;
    private final MissingRegions missingRegions;
    private final java.util.Map<Path, Long> lastSeen = new java.util.HashMap<>();

    private final Clock clock;

    InboxWatcher(EtlProperties properties, LedgerStager stager, LedgerImportService imports, RejectReport reports,
                 MissingRegions missingRegions, Clock clock) {
        this.clock = clock;
        this.missingRegions = missingRegions;
        this.properties = properties;
        this.stager = stager;
        this.imports = imports;
        this.reports = reports;
    }

    @Scheduled(fixedDelayString = "${anjian.etl.inbox-poll:5s}", initialDelayString = "${anjian.etl.inbox-poll:5s}")
    void poll() {
        Path inbox = properties.inbox();
        try {
            Files.createDirectories(inbox);
            List<Path> ready = new ArrayList<>();
            try (DirectoryStream<Path> files = Files.newDirectoryStream(inbox)) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    if (!Files.isRegularFile(f) || name.startsWith(".") || name.startsWith("~$") || name.endsWith(".part")
                            || name.endsWith(".tmp")) {
                        continue;
                    }
                    long stamp = Files.size(f) * 31 + Files.getLastModifiedTime(f).toMillis();
                    Long before = lastSeen.put(f, stamp);
                    if (before != null && before == stamp) {
                        ready.add(f);
                    }
                }
            }
            ready.sort(null);
            for (Path f : ready) {
                lastSeen.remove(f);
                importOne(inbox, f);
            }
        } catch (IOException e) {
            log.warn("Cannot read the inbox {}: {}", inbox, e.getMessage());
        }
    }

    private void importOne(Path inbox, Path file) throws IOException {
        String name = file.getFileName().toString();
        Path working = Files.createDirectories(inbox.resolve("processing")).resolve(name);
        Files.move(file, working, StandardCopyOption.REPLACE_EXISTING);
        StringBuilder report = new StringBuilder("文件: " + name + "\n时间: " + LocalDateTime.now(clock).withNano(0) + "\n");
        boolean ok;
        ImportService.ImportStatus status = null;
        try {
            if (cn.anjian.lake.ReportPackage.looksLikePackage(working, name)) {
                report.append("类型: ").append(ImportKind.PACKAGE.labelZh()).append('\n');
                status = imports.importNow(ImportKind.PACKAGE, null, null, working, name);
            } else {
                MappingProfile profile = stager.inspect(working, name, null, null, null);
                report.append("映射方案: ").append(profile.title()).append(" (").append(profile.name()).append(")\n");
                status = imports.importNow(profile.kind(), profile.template() ? null : profile.name(), null, working,
                        name);
            }
            report.append("状态: ").append(status.status()).append('\n').append(status.countsZh()).append('\n');
            if (status.message() != null) {
                report.append("说明: ").append(status.message()).append('\n');
            }
            for (ImportService.Warning w : imports.warnings(status.id(), 1_000)) {
                report.append("提示 ").append(w.describeZh()).append('\n');
            }
            for (ImportService.Reject r : imports.rejects(status.id())) {
                report.append(r.sheet() == null ? "" : "工作表 " + r.sheet() + " ").append("第 ").append(r.row())
                        .append(" 行 [").append(r.field()).append("] ").append(r.value() == null ? "(空)" : r.value())
                        .append(": ").append(r.reason()).append('\n');
            }
            ok = "COMPLETED".equals(status.status());
        } catch (LedgerFormatException e) {
            report.append("状态: FAILED\n说明: ").append(e.getMessage()).append('\n');
            ok = false;
        } catch (RuntimeException e) {
            log.error("Inbox import of {} failed", name, e);
            report.append("状态: FAILED\n说明: 导入失败: ").append(e.getMessage()).append('\n');
            ok = false;
        }
        Path dir = Files.createDirectories(inbox.resolve(ok ? "done" : "failed"));
        Path target = dir.resolve(unique(dir, name));
        if (status != null && status.rejected() > 0) {
            // written while the file is still where the import read it: the report shows its rows as they stand
            try (OutputStream out = Files.newOutputStream(target.resolveSibling(target.getFileName() + ".rejects.xlsx"))) {
                reports.write(status.id(), out);
            }
            if (!missingRegions.of(status.id()).isEmpty()) {
                try (OutputStream out = Files.newOutputStream(
                        target.resolveSibling(target.getFileName() + ".missing-regions.xlsx"))) {
                    missingRegions.write(status.id(), out);
                }
            }
        }
        Files.move(working, target, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(target.resolveSibling(target.getFileName() + ".report.txt"), report, StandardCharsets.UTF_8);
        log.info("Inbox: {} → {}", name, target);
    }

    private String unique(Path dir, String name) {
        if (!Files.exists(dir.resolve(name))) {
            return name;
        }
        return LocalDateTime.now(clock).toString().replaceAll("[^0-9]", "").substring(0, 14) + "-" + name;
    }
}
