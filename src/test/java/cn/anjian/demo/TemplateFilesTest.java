package cn.anjian.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import cn.anjian.etl.ImportKind;

/**
 * The blank ledger templates users download ({@code etl/templates/}) hold exactly the columns the importer reads.
 * Run with {@code -Dtemplates.write=true} to regenerate them after {@link ImportKind} changes, then commit them.
 */
class TemplateFilesTest {

    private static final Path TEMPLATES = Path.of("etl/templates");

    @BeforeAll
    static void regenerateWhenAsked() throws IOException {
        if (Boolean.getBoolean("templates.write")) {
            LedgerFiles.writeTemplates(TEMPLATES);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ImportKind.class, names = "PACKAGE", mode = EnumSource.Mode.EXCLUDE) // a package has no template
    void theExcelTemplateHasTheImportHeadersInABoldFrozenRow(ImportKind kind) throws IOException {
        Path file = TEMPLATES.resolve(kind.code() + ".xlsx");
        assertThat(Ledgers.read(file, null)).containsExactly(kind.headers());
        try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
            assertThat(workbook.getNumberOfSheets()).isEqualTo(1);
            Sheet sheet = workbook.getSheetAt(0);
            assertThat(sheet.getSheetName()).isEqualTo(kind.labelZh() + "台账");
            PaneInformation pane = sheet.getPaneInformation();
            assertThat(pane).isNotNull();
            assertThat(pane.isFreezePane()).isTrue();
            assertThat(pane.getHorizontalSplitPosition()).isEqualTo((short) 1);
            for (Cell cell : sheet.getRow(0)) {
                assertThat(workbook.getFontAt(cell.getCellStyle().getFontIndex()).getBold()).isTrue();
                int chars = LedgerFiles.displayWidth(cell.getStringCellValue());
                assertThat(sheet.getColumnWidth(cell.getColumnIndex())).as(cell.getStringCellValue())
                        .isGreaterThanOrEqualTo(chars * 256);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = ImportKind.class, names = "PACKAGE", mode = EnumSource.Mode.EXCLUDE) // a package has no template
    void theCsvTemplateIsUtf8WithBomAndHoldsOnlyTheImportHeaders(ImportKind kind) throws IOException {
        Path file = TEMPLATES.resolve(kind.code() + ".csv");
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(Ledgers.read(file, StandardCharsets.UTF_8)).containsExactly(kind.headers());
    }
}
