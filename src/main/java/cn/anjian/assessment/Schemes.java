package cn.anjian.assessment;

import java.io.IOException;
import java.time.Clock;
import java.time.Year;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.IntStream;

import cn.anjian.semantic.Catalog;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The assessment schemes, loaded and checked once at start: a scheme that names an unknown metric or has
 * overlapping grade bands stops the application with the file and line, rather than scoring a year wrongly.
 * A year without a file of its own, up to the current one, is scored with the latest earlier scheme (the
 * safety office writes next year's file when it changes the rules), and says so.
 */
@Component
class Schemes {

    private final TreeMap<Integer, Scheme> byYear = new TreeMap<>();
    private final Clock clock;

    Schemes(AssessmentProperties properties, Catalog catalog, Clock clock) {
        this.clock = clock;
        SchemeLoader loader = new SchemeLoader(catalog);
        Resource[] resources;
        try {
            resources = new PathMatchingResourcePatternResolver().getResources(properties.location());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot list assessment schemes at " + properties.location(), e);
        }
        Arrays.sort(resources, Comparator.comparing(r -> String.valueOf(r.getFilename())));
        for (Resource resource : resources) {
            Scheme scheme = loader.load(resource);
            if (byYear.putIfAbsent(scheme.year(), scheme) != null) {
                throw new IllegalStateException("Two assessment schemes for " + scheme.year() + " (one is "
                        + resource.getFilename() + ")");
            }
        }
    }

    /** The year's own scheme, else the latest earlier one adopted for it; none before the first or after this year. */
    Optional<Scheme> forYear(int year) {
        Scheme own = byYear.get(year);
        if (own != null) {
            return Optional.of(own);
        }
        var earlier = byYear.floorEntry(year);
        if (earlier == null || year > Year.now(clock).getValue()) {
            return Optional.empty();
        }
        return Optional.of(earlier.getValue().adoptedFor(year));
    }

    /** Every year that can be scored: from the first scheme's to the current year (or the last scheme's). */
    List<Integer> years() {
        if (byYear.isEmpty()) {
            return List.of();
        }
        int last = Math.max(byYear.lastKey(), Year.now(clock).getValue());
        return IntStream.rangeClosed(byYear.firstKey(), last).boxed().toList();
    }
}
