package cn.anjian.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The one demo-town fixture of the test suite: the app started on the demo town (霍山县诸佛庵镇, scale 0.2), generated
 * and imported through the real import path, on the fixed test day (2026-06-15). Test classes that extend it share
 * one warehouse and one application context: the properties are the same for all of them, so Spring's test
 * context cache starts the town once per run. Tests read it; none may change it.
 */
@SpringBootTest
@AutoConfigureMockMvc
public abstract class DemoTownWarehouse {

    /** 霍山县诸佛庵镇, the demo town's 12-digit division code. */
    public static final String TOWN = "341525106000";

    private static final Path FOLDER = folder();

    @DynamicPropertySource
    static void demoTown(DynamicPropertyRegistry registry) {
        registry.add("anjian.warehouse.path", () -> FOLDER.resolve("demo.duckdb").toString());
        registry.add("anjian.warehouse.memory-limit", () -> "1GB");
        registry.add("anjian.demo.enabled", () -> "true");
        registry.add("anjian.demo.scale", () -> "0.2");
        registry.add("anjian.demo.folder", () -> FOLDER.resolve("ledgers").toString());
        registry.add("anjian.etl.work-dir", () -> FOLDER.resolve("work").toString());
    }

    private static Path folder() {
        try {
            return Files.createTempDirectory("anjian-demo-town-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
