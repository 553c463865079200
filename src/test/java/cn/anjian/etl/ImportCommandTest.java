package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The import command (issue #14): it takes --encoding and --profile, prints the profile it used, the counts and a
 * sample of the updates before → after, and on failure a reason and a non-zero exit code, never a stack trace.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class ImportCommandTest {

    @TempDir
    static Path warehouse;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("cli.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
    }

    @Autowired
    LedgerImportService imports;

    @Autowired
    LedgerStager stager;

    @Autowired
    MissingRegions missingRegions;

    record Run(int exitCode, String out, String err) {
    }

    @Test
    void anImportPrintsItsProfileCountsAndTheUpdatesBeforeAndAfter() throws IOException {
        assertThat(run("import", "regions", write("regions.csv", ImportJobTest.REGIONS, StandardCharsets.UTF_8)).exitCode()).isZero();
        String header = String.join(",", ImportKind.HAZARDS.headers()) + "\n";
        String row = "CLI-1,2023-04-01,诸佛庵镇,诸佛庵村,某商店,,消防,%s,一般,,,,,,,,,,,,,,\n";
        run("import", "hazards", write("a.csv", header + row.formatted("灭火器过期"), StandardCharsets.UTF_8));

        Run second = run("import", "auto", write("b.csv", header + row.formatted("灭火器已过期两年"), Charset.forName("GBK")),
                "--encoding=GBK");

        assertThat(second.exitCode()).isZero();
        assertThat(second.out()).contains("COMPLETED").contains("映射方案 template-hazards")
                .contains("新增 0 条，更新 1 条，未变 0 条，拒收 0 条")
                .contains("更新 CLI-1 [隐患描述] 灭火器过期 → 灭火器已过期两年");
    }

    @Test
    void rowsOfVillagesTheRegionsLedgerLacksLeaveAPreFilledRegionsLedgerBesideTheFile() throws IOException {
        assertThat(run("import", "regions", write("regions.csv", ImportJobTest.REGIONS, StandardCharsets.UTF_8)).exitCode()).isZero();
        String header = String.join(",", ImportKind.HAZARDS.headers()) + "\n";
        String ledger = write("c.csv", header + "CLI-9,2023-04-01,诸佛庵镇,新丰村,某商店,,消防,灭火器过期,一般,,,,,,,,,,,,,,\n",
                StandardCharsets.UTF_8);

        Run run = run("import", "hazards", ledger);

        assertThat(run.exitCode()).isEqualTo(1);
        Path filled = Path.of(ledger + ".missing-regions.xlsx");
        assertThat(run.out()).contains("区划表中没有的村(社区) 1 个: 新丰村").contains(filled.toAbsolutePath().toString());
        try (var book = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(filled))) {
            var row = book.getSheetAt(0).getRow(1);
            assertThat(row.getCell(1).getStringCellValue()).isEqualTo("新丰村");
            assertThat(row.getCell(2).getStringCellValue()).isEqualTo("村");
        }
    }

    @Test
    void aFailureExitsNonZeroWithItsReasonAndNoStackTrace() throws IOException {
        byte[] bytes = new byte[8192];
        new Random(6).nextBytes(bytes);
        Path xlsx = files.resolve("台账.xlsx");
        Files.write(xlsx, bytes);

        Run run = run("import", "auto", xlsx.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("台账.xlsx").contains("不是 Excel 文件").doesNotContain("Exception").doesNotContain("\tat ");
        Run badEncoding = run("import", "hazards", xlsx.toString(), "--encoding=EBCDIC");
        assertThat(badEncoding.exitCode()).isEqualTo(2);
        assertThat(badEncoding.err()).contains("EBCDIC");
        Run badProfile = run("import", "auto", xlsx.toString(), "--profile=no-such-profile");
        assertThat(badProfile.exitCode()).isEqualTo(1);
        assertThat(badProfile.err()).contains("no-such-profile");
    }

    private Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        ImportCommand command = new ImportCommand(imports, stager, missingRegions);
        try {
            command.run(new DefaultApplicationArguments(args));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Run(command.getExitCode(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private String write(String name, String content, Charset charset) throws IOException {
        Path dir = Files.createTempDirectory(files, "f");
        Path file = dir.resolve(name);
        Files.write(file, content.getBytes(charset));
        return file.toString();
    }
}
