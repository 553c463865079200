package cn.anjian.demo;

import java.time.Clock;
import static cn.anjian.jooq.Tables.DIM_REGION;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import cn.anjian.demo.DemoTownGenerator.Ledger;
import cn.anjian.etl.ImportService;
import cn.anjian.etl.ImportService.ImportStatus;

/**
 * Fills an empty warehouse with the demo town at start, so the demo profile shows full dashboards at once. It
 * writes the town's ledgers to files and imports them through {@link ImportService} like any user's ledger, so the
 * demo exercises the real import path rather than a back door into the tables. A warehouse that already has
 * regions is left alone: the demo never mixes into real or earlier data.
 *
 * <p>The ledgers carry dirt on purpose ({@link DemoDirt}): the rejects this load logs are the demo's, so the
 * data-quality dashboard has something to show. One late ledger is written but not imported (its village-month
 * shows as 未报送 until a user imports the file).
 */
@Component
@ConditionalOnProperty(prefix = "anjian.demo", name = "enabled", havingValue = "true")
class DemoDataLoader implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDataLoader.class);

    private final DemoProperties properties;
    private final DSLContext dsl;
    private final ImportService imports;
    private final Clock clock;

    DemoDataLoader(DemoProperties properties, DSLContext dsl, ImportService imports, Clock clock) {
        this.clock = clock;
        this.properties = properties;
        this.dsl = dsl;
        this.imports = imports;
    }

    /** Today by the application's clock, the same day the importer (anj_today()) and the dashboards count as today. */
    @Override
    public void run(ApplicationArguments args) {
        load(LocalDate.now(clock));
    }

    /** Generates and imports the town as known on {@code asOf}; returns false if the warehouse was not empty. */
    boolean load(LocalDate asOf) {
        if (dsl.fetchExists(DIM_REGION)) {
            log.info("Demo data not loaded: the warehouse already has regions");
            return false;
        }
        long started = System.nanoTime();
        List<Ledger> ledgers = new java.util.ArrayList<>();
        for (DemoCounty.Town town : DemoCounty.towns(properties.towns())) {
            Path folder = town.original() ? properties.folder() : properties.folder().resolve("town-" + town.code());
            try {
                ledgers.addAll(new DemoTownGenerator(properties.seed(), properties.scale(), town).generate(folder, asOf));
            } catch (IOException e) {
                throw new UncheckedIOException("演示数据生成失败: " + folder, e);
            }
        }
        log.info("Generated the demo town{} (seed {}, scale {}, {} towns) as of {}: {} ledgers in {} in {} ms",
                properties.towns() > 1 ? "s of the demo county" : "", properties.seed(), properties.scale(),
                properties.towns(), asOf, ledgers.size(), properties.folder().toAbsolutePath(), millisSince(started));
        long read = 0;
        long written = 0;
        long rejected = 0;
        long dirt = 0;
        for (Ledger ledger : ledgers) {
            if (ledger.late()) {
                log.info("Demo late ledger not imported: {} ({}), so its village-month shows as 未报送 on the"
                        + " data-quality dashboard until it is imported from the imports page", ledger.displayName(),
                        ledger.file().toAbsolutePath());
                continue;
            }
            long fileStarted = System.nanoTime();
            ImportStatus status = imports.importNow(ledger.kind(), ledger.file(), ledger.displayName());
            read += status.read();
            written += status.written();
            rejected += status.rejected();
            dirt += ledger.dirt().size();
            if ("COMPLETED".equals(status.status()) && status.rejected() == ledger.dirt().size()) {
                log.info("Imported {} ({}): {} read, {} written{} in {} ms", ledger.displayName(),
                        ledger.kind().code(), status.read(), status.written(), status.rejected() == 0 ? ""
                                : ", " + status.rejected() + " rejected as intended (demo dirt)",
                        millisSince(fileStarted));
            } else {
                log.warn("Imported {} ({}) with status {}: {} read, {} written, {} rejected in {} ms{}",
                        ledger.displayName(), ledger.kind().code(), status.status(), status.read(), status.written(),
                        status.rejected(), millisSince(fileStarted),
                        status.message() == null ? "" : ": " + status.message());
            }
            if ("FAILED".equals(status.status())) {
                log.error("Demo load stopped: later ledgers depend on {}", ledger.displayName());
                break;
            }
        }
        log.info("Demo town loaded: {} rows read, {} written, {} rejected in {} ms", read, written, rejected,
                millisSince(started));
        if (rejected == dirt) {
            log.info("The {} rejected rows are intended demo dirt (a misspelt village, a deadline before the found"
                    + " date, an amount in words, a row entered twice), for the data-quality dashboard", rejected);
        } else {
            log.warn("{} rows rejected, but the demo ledgers hold {} dirty rows on purpose: look at the rejects",
                    rejected, dirt);
        }
        return true;
    }

    private static long millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000;
    }
}
