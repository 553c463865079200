package cn.anjian.etl;

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
 * {@code java -jar anjian.jar import <kind> <file>…}: imports ledgers into a stopped app's warehouse through the
 * same job as uploads, prints what was loaded and rejected, and exits non-zero when a file failed or had rejects.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "anjian.cli.command", havingValue = "import")
class ImportCommand implements ApplicationRunner, ExitCodeGenerator {

    private final ImportService imports;
    private int exitCode;

    ImportCommand(ImportService imports) {
        this.imports = imports;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> words = args.getNonOptionArgs();
        if (words.size() < 3 || ImportKind.fromCode(words.get(1)).isEmpty()) {
            System.err.println("用法: import <regions|enterprises|inspections|hazards|enforcement|accidents> <文件>…");
            exitCode = 2;
            return;
        }
        ImportKind kind = ImportKind.fromCode(words.get(1)).orElseThrow();
        for (String name : words.subList(2, words.size())) {
            Path file = Path.of(name);
            if (!Files.isRegularFile(file)) {
                System.err.println("找不到文件: " + file.toAbsolutePath());
                exitCode = 2;
                continue;
            }
            ImportService.ImportStatus status = imports.importNow(kind, file, file.getFileName().toString());
            System.out.printf("%s: %s，%s%s%n", name, status.status(), status.countsZh(),
                    status.message() == null ? "" : "。" + status.message());
            for (ImportService.Reject r : imports.rejects(status.id())) {
                System.out.printf("  %s%s 第 %d 行 [%s] %s: %s%n", r.fileName(), r.sheet() == null ? "" : " 工作表 " + r.sheet(),
                        r.row(), r.field(), r.value() == null ? "(空)" : r.value(), r.reason());
            }
            if (!"COMPLETED".equals(status.status()) || status.rejected() > 0) {
                exitCode = 1;
            }
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
