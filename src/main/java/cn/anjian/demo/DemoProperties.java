package cn.anjian.demo;

import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The demo town: whether to load it into an empty warehouse at start (the {@code demo} profile turns it on), how
 * big, from which seed, and where its generated ledgers are written before they are imported.
 *
 * @param enabled load the demo town into an empty warehouse at start
 * @param scale   1.0 is a town of about 300 enterprises and some 10,000 inspections over 2022 to today
 * @param seed    the same seed gives the same town
 * @param folder  where the generated ledgers are written (and left, so they can be opened or re-imported)
 * @param towns   how many towns of 霍山县 to generate: 1 is the demo town alone (诸佛庵镇); more make the demo
 *                county ({@link DemoCounty}), each further town's ledgers in a folder of its own under {@code folder}
 */
@Validated
@ConfigurationProperties("anjian.demo")
public record DemoProperties(
        @DefaultValue("false") boolean enabled,
        @Positive @DefaultValue("1.0") double scale,
        @DefaultValue("20230103") long seed,
        @NotNull @DefaultValue("./data/demo-ledgers") Path folder,
        @Positive @jakarta.validation.constraints.Max(16) @DefaultValue("1") int towns) {
}
