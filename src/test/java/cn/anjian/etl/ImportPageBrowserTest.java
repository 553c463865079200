package cn.anjian.etl;

import cn.anjian.HeadlessChromium;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import cn.anjian.security.TestLogins;
import cn.anjian.security.UserAccounts;
import org.junit.jupiter.api.AfterAll;
import org.springframework.beans.factory.annotation.Value;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.FileSystemResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

/**
 * The upload page in headless Chromium: choose a ledger, watch the progress bar reach 100 %, download the reject
 * report and open it with POI; and the upload API answering a file whose headers match no profile with the headers
 * found and the fields it could not place. Skipped when Chromium is not installed (outside CI).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIf(value = "browserAvailable", disabledReason = "Chromium not installed (apt-get install chromium chromium-driver fonts-noto-cjk)")
class ImportPageBrowserTest {


    @TempDir
    static Path warehouse;

    @TempDir
    static Path downloads;

    @TempDir
    Path files;

    @DynamicPropertySource
    static void warehouse(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> warehouse.resolve("upload-test.duckdb").toString());
        registry.add("anjian.etl.work-dir", () -> warehouse.resolve("work").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "512MB");
    }

    static ChromeDriver browser;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    static boolean browserAvailable() {
        return HeadlessChromium.available();
    }

    @BeforeAll
    static void regionsAndBrowser(@Autowired ImportService imports, @Autowired UserAccounts accounts,
                                  @Value("${local.server.port}") int serverPort, @TempDir Path tmp) throws IOException {
        Path regions = tmp.resolve("regions.csv");
        Files.writeString(regions, ImportJobTest.REGIONS);
        assertThat(imports.importNow(ImportKind.REGIONS, regions, "regions.csv").status()).isEqualTo("COMPLETED");

        ChromeOptions options = HeadlessChromium.options();
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        browser = HeadlessChromium.start(options);
        browser.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        // only the safety office (ADMIN) imports
        TestLogins.signInAsNewAdmin(browser, "http://localhost:" + serverPort, accounts, "upload-admin", "安监所测试");
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void uploadWatchProgressReach100AndDownloadTheRejectReport() throws Exception {
        // 20,000 hazards, a quoted line break (so the file goes through the Java reader) and three bad rows
        Path ledger = files.resolve("村隐患台账.csv");
        try (Writer w = Files.newBufferedWriter(ledger, StandardCharsets.UTF_8)) {
            w.write(String.join(",", ImportKind.HAZARDS.headers()) + "\n");
            w.write("YH-WEB-0,2023-03-01,诸佛庵镇,诸佛庵村,某商店,,消防,\"灭火器过期\n通道堵塞\",一般,安监所,,,,,,,,,,,,,\n");
            for (int i = 1; i < 20_000; i++) {
                String date = i == 100 ? "2023-02-30" : "2023-03-01";
                String village = i == 15_000 ? "不存在村" : "诸佛庵村";
                String level = i == 19_999 ? "特别重大" : "一般";
                w.write("YH-WEB-" + i + "," + date + ",诸佛庵镇," + village + ",某商店,,消防,灭火器过期," + level + ",安监所,,,,,,,,,,,,,\n");
            }
        }
        browser.get("http://localhost:" + port + "/imports");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("导入台账");
        browser.findElement(By.id("file")).sendKeys(ledger.toAbsolutePath().toString());
        browser.findElement(By.id("submit")).click();

        List<String> seen = new ArrayList<>();
        new WebDriverWait(browser, Duration.ofSeconds(120)).pollingEvery(Duration.ofMillis(100)).until(d -> {
            String p = d.findElement(By.id("percent")).getText();
            if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(p)) {
                seen.add(p);
            }
            return "COMPLETED".equals(d.findElement(By.tagName("body")).getDomAttribute("data-import-done"));
        });
        System.out.println("progress seen: " + seen);
        assertThat(browser.findElement(By.id("percent")).getText()).isEqualTo("100 %");
        assertThat(browser.findElement(By.id("bar")).getDomAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(browser.findElement(By.id("read")).getText()).isEqualTo("20000");
        assertThat(browser.findElement(By.id("written")).getText()).isEqualTo("19997");
        assertThat(browser.findElement(By.id("rejected")).getText()).isEqualTo("3");

        browser.findElement(By.id("reject-download")).click();
        Path report = new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> {
            try (Stream<Path> list = Files.list(downloads)) {
                return list.filter(p -> p.toString().endsWith(".xlsx")).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
        try (InputStream in = Files.newInputStream(report); XSSFWorkbook book = new XSSFWorkbook(in)) {
            Sheet sheet = book.getSheetAt(0);
            Row header = sheet.getRow(0);
            List<String> headers = new ArrayList<>();
            header.forEach(c -> headers.add(c.getStringCellValue()));
            assertThat(headers).startsWith(ImportKind.HAZARDS.headers().toArray(String[]::new)).contains(RejectReport.REASON);
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            int reason = headers.indexOf(RejectReport.REASON);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo("YH-WEB-100");
            assertThat(sheet.getRow(1).getCell(1).getStringCellValue()).isEqualTo("2023-02-30");
            assertThat(sheet.getRow(1).getCell(reason).getStringCellValue()).contains("无法识别的日期");
            assertThat(sheet.getRow(2).getCell(reason).getStringCellValue()).contains("未知的村(社区)");
            assertThat(sheet.getRow(3).getCell(reason).getStringCellValue()).contains("无法识别的取值");
            assertThat((long) sheet.getRow(1).getCell(headers.indexOf("原行号")).getNumericCellValue()).isEqualTo(103);
        }

        browser.findElement(By.id("result-link")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("rejects")).isEmpty());
        assertThat(browser.findElement(By.id("rejects")).getText()).contains("2023-02-30").contains("不存在村");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_hazard WHERE hazard_no LIKE 'YH-WEB-%'", Long.class))
                .isEqualTo(19_997);
    }

    @Test
    void aFileWhoseHeadersMatchNoProfileIsAnsweredWithTheHeadersFoundAndTheFieldsNotPlaced() throws IOException {
        Path odd = files.resolve("odd.csv");
        Files.writeString(odd, "编号,日期,说明\n1,2023-01-01,x\n");
        // the API's answer, asked from the signed-in page with its CSRF token
        browser.get("http://localhost:" + port + "/imports");
        String answer = (String) browser.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const form = new FormData();
                form.append('file', new Blob([arguments[0]], { type: 'text/csv' }), 'odd.csv');
                form.append('kind', 'auto');
                const token = document.querySelector('meta[name=_csrf]').content;
                const header = document.querySelector('meta[name=_csrf_header]').content;
                fetch('/api/imports', { method: 'POST', body: form, headers: { [header]: token } })
                    .then(async (r) => done(r.status + ' ' + await r.text()));""", Files.readString(odd));
        assertThat(answer).startsWith("422 ");
        assertThat(answer).contains("\"headers\":[\"编号\",\"日期\",\"说明\"]").contains("\"unplaced\":[")
                .contains("odd.csv").doesNotContain("Exception").doesNotContain("trace");

        // and in the page: the same answer, shown to the clerk
        browser.get("http://localhost:" + port + "/imports");
        browser.findElement(By.id("file")).sendKeys(odd.toAbsolutePath().toString());
        browser.findElement(By.id("submit")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> d.findElement(By.id("error")).isDisplayed());
        assertThat(browser.findElement(By.id("headers-found")).getText()).contains("编号").contains("说明");
        assertThat(browser.findElement(By.id("fields-unplaced")).getText()).isNotBlank();
    }
}
