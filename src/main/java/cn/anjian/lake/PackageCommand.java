package cn.anjian.lake;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar anjian.jar package --from=2024-01 --to=2024-12 [--town=…] [--out=file.zip]}: writes the town's
 * report package from a stopped app's warehouse (what {@code GET /api/lake/package} gives), prints the file, towns,
 * period and rows per table; exits 2 on a usage error. The county imports it with {@code import package <file>}.
 */
@Component
@Order(10)
@ConditionalOnProperty(name = "anjian.cli.command", havingValue = "package")
public class PackageCommand implements ApplicationRunner, ExitCodeGenerator {

    static final String USAGE = "用法: package --from=YYYY-MM --to=YYYY-MM [--town=乡镇代码] [--out=文件.zip]";

    private final ReportPackageWriter packages;
    private int exitCode;

    public PackageCommand(ReportPackageWriter packages) {
        this.packages = packages;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        YearMonth from;
        YearMonth to;
        List<String> towns;
        try {
            from = YearMonth.parse(option(args, "from"));
            to = YearMonth.parse(option(args, "to"));
            ReportPackageWriter.checkPeriod(from, to);
            towns = packages.towns(option(args, "town"));
        } catch (DateTimeParseException | NullPointerException e) {
            System.err.println(USAGE);
            exitCode = 2;
            return;
        } catch (ReportPackageWriter.BadRequest e) {
            System.err.println(e.getMessage());
            exitCode = 2;
            return;
        }
        String out = option(args, "out");
        Path file = Path.of(out == null ? ReportPackageWriter.fileName(towns, from, to) : out).toAbsolutePath();
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        ReportPackage.Manifest manifest;
        try (OutputStream stream = Files.newOutputStream(partial)) {
            manifest = packages.write(towns, from, to, stream);
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("%s: 乡镇 %s，%s 至 %s，库结构 %s，共 %d 行%n", file, String.join("、", manifest.towns()),
                manifest.from(), manifest.to(), manifest.schemaVersion(), manifest.rows());
        for (ReportPackage.Entry e : manifest.tables()) {
            System.out.printf("  %s: %d 行%n", e.table(), e.rows());
        }
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
