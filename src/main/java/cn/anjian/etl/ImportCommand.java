package cn.anjian.etl;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar anjian.jar import <kind|auto> <file>… [--profile=…] [--encoding=…] [--debug]}: imports ledgers
 * (and towns' report packages, {@code import package <file>.zip})
 * into a stopped app's warehouse through the same job as uploads, prints the profile used, what was added, updated
 * (with a sample before → after), left unchanged and rejected, and exits 1 when a file failed or had rejects, 2 on
 * a usage error. A failure prints its reason, never a stack trace (unless {@code --debug}).
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "anjian.cli.command", havingValue = "import")
class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String USAGE = "用法: import <" + String.join("|", java.util.Arrays.stream(ImportKind.values())
            .map(ImportKind::code).toList()) + "|auto> <文件>… "
            + "[--profile=映射方案] [--encoding=auto|" + String.join("|", CsvCharsets.CHOICES.keySet()) + "] [--debug]";

    /** How many updated rows are printed, before → after. */
    static final int SAMPLE = 5;

    private final LedgerImportService imports;
    private final LedgerStager stager;
    private final MissingRegions missingRegions;
    private int exitCode;

    ImportCommand(LedgerImportService imports, LedgerStager stager, MissingRegions missingRegions) {
        this.imports = imports;
        this.stager = stager;
        this.missingRegions = missingRegions;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        boolean auto = words.size() >= 2 && "auto".equalsIgnoreCase(words.get(1));
        if (words.size() < 3 || (!auto && ImportKind.fromCode(words.get(1)).isEmpty())) {
            System.err.println(USAGE);
            exitCode = 2;
            return;
        }
        ImportKind kind = auto ? null : ImportKind.fromCode(words.get(1)).orElseThrow();
        String profile = option(args, "profile");
        Charset encoding;
        try {
            encoding = ImportController.encoding(option(args, "encoding"));
        } catch (ImportController.BadImportRequest e) {
            System.err.println(e.getMessage());
            exitCode = 2;
            return;
        }
        for (String name : words.subList(2, words.size())) {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                System.err.println("找不到文件: " + file.toAbsolutePath());
                exitCode = 2;
                continue;
            }
            try {
                importOne(kind, profile, encoding, file, name);
            } catch (RuntimeException | java.io.IOException e) {
                System.err.println(name + ": 导入失败。" + ImportFailure.reason(0, file.getFileName().toString(), e));
                if (args.containsOption("debug")) {
                    e.printStackTrace();
                }
                exitCode = 1;
            }
        }
    }

    private void importOne(ImportKind kind, String profile, Charset encoding, Path file, String name)
            throws java.io.IOException {
        String fileName = file.getFileName().toString();
        String useProfile = profile;
        ImportKind useKind = kind;
        if (kind == ImportKind.PACKAGE || kind == null && cn.anjian.lake.ReportPackage.looksLikePackage(file, fileName)) {
            useKind = ImportKind.PACKAGE; // a report package: no profile, the import checks it whole
            useProfile = null;
        } else if (kind == null || profile != null) {
            // the same choice the upload makes: the profile decides the record type, a named one must fit
            MappingProfile chosen = stager.inspect(file, fileName, kind, profile, encoding);
            useKind = chosen.kind();
            useProfile = chosen.template() ? null : chosen.name();
        }
        ImportService.ImportStatus status = imports.importNow(useKind, useProfile, encoding, file, fileName);
        System.out.printf("%s: %s，%s%s%n", name, status.status(), status.countsZh(),
                status.message() == null ? "" : "。" + status.message());
        for (ImportService.Change c : imports.changes(status.id(), SAMPLE)) {
            for (ImportService.FieldChange f : c.fields()) {
                System.out.printf("  更新 %s [%s] %s → %s%n", c.key(), f.field(), blank(f.before()), blank(f.after()));
            }
        }
        if (status.changes() != null && status.changes().updated() > SAMPLE) {
            System.out.printf("  (共更新 %d 条，以上是前 %d 条)%n", status.changes().updated(), SAMPLE);
        }
        for (ImportService.Warning w : imports.warnings(status.id(), 1_000)) {
            System.out.printf("  提示 %s%n", w.describeZh());
        }
        for (ImportService.Reject r : imports.rejects(status.id())) {
            System.out.printf("  %s%s 第 %d 行 [%s] %s: %s%n", r.fileName(), r.sheet() == null ? "" : " 工作表 " + r.sheet(),
                    r.row(), r.field(), blank(r.value()), r.reason());
        }
        List<MissingRegions.Missing> missing = status.rejected() > 0 ? missingRegions.of(status.id()) : List.of();
        if (!missing.isEmpty()) {
            // beside the ledger, as the inbox does: correct it, import it as regions, then this ledger again
            Path ledger = file.toAbsolutePath();
            Path filled = ledger.resolveSibling(ledger.getFileName() + ".missing-regions.xlsx");
            try (java.io.OutputStream out = Files.newOutputStream(filled)) {
                missingRegions.write(status.id(), out);
            }
            System.out.printf("  区划表中没有的村(社区) %d 个: %s%n  预填的区划台账: %s (核对后 import regions 导入，再重新导入本台账)%n",
                    missing.size(), String.join("、", missing.stream().map(MissingRegions.Missing::name).distinct().toList()),
                    filled);
        }
        if (!"COMPLETED".equals(status.status()) || status.rejected() > 0) {
            exitCode = 1;
        }
    }

    private static String blank(String value) {
        return value == null ? "(空)" : value;
    }

    private static String option(ApplicationArguments args, String name) {
        List<String> values = args.getOptionValues(name);
        return values == null || values.isEmpty() || values.get(0).isBlank() ? null : values.get(0);
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
