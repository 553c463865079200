package cn.anjian;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Level;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The one way the browser tests start a browser: Debian's Chromium, headless, with the flags this closed network
 * needs (no background networking, no component updates), in Chinese, with the browser console captured.
 */
public final class HeadlessChromium {

    public static final Path BINARY = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private HeadlessChromium() {
    }

    /** Whether browser tests can run here. In CI a missing browser fails the run instead of skipping the tests. */
    public static boolean available() {
        if (Files.isExecutable(BINARY) && Files.isExecutable(DRIVER)) {
            return true;
        }
        if (System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the browser tests, but " + BINARY + " or " + DRIVER
                    + " is missing: .ci/run should have installed chromium and chromium-driver");
        }
        return false;
    }

    /** Our options; a test adds its own (download folder …) before {@link #start}. */
    public static ChromeOptions options() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1000", "--lang=zh-CN");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        return options;
    }

    public static ChromeDriver start(ChromeOptions options) {
        ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build(), options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return browser;
    }
}
