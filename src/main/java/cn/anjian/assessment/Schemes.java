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

import cn.anjian.assessment.Scheme.UnitKind;
import cn.anjian.semantic.Catalog;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The assessment schemes, loaded and checked once at start: a scheme that names an unknown metric or has
 * overlapping grade bands stops the application with the file and line, rather than scoring a year wrongly.
 * A year without a file of its own, up to the current one, is scored with the latest earlier scheme (the
 * safety office writes next year's file when it changes the rules), and says so. The county's schemes for its towns
 * ({@code county-<year>.yaml}) are a second series with the same rule.
 */
@Component
class Schemes {

    private final TreeMap<Integer, Scheme> byYear = new TreeMap<>();
    private final TreeMap<Integer, Scheme> countyByYear = new TreeMap<>();
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
            if ((scheme.county() ? countyByYear : byYear).putIfAbsent(scheme.year(), scheme) != null) {
                throw new IllegalStateException("Two " + (scheme.county() ? "county " : "") + "assessment schemes for "
                        + scheme.year() + " (one is " + resource.getFilename() + ")");
            }
        }
    }

    /** The town's scheme (villages and departments) of a year. */
    Optional<Scheme> forYear(int year) {
        return forYear(year, UnitKind.VILLAGE);
    }

    /**
     * The scheme that scores this kind of unit in a year (the county's for towns, the town's otherwise): the year's
     * own, else the latest earlier one adopted for it; none before the first or after this year.
     */
    Optional<Scheme> forYear(int year, UnitKind kind) {
        TreeMap<Integer, Scheme> byYear = of(kind);
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

    /** Every year villages and departments can be scored. */
    List<Integer> years() {
        return years(UnitKind.VILLAGE);
    }

    /** Every year this kind can be scored: from the first scheme's to the current year (or the last scheme's). */
    List<Integer> years(UnitKind kind) {
        TreeMap<Integer, Scheme> byYear = of(kind);
        if (byYear.isEmpty()) {
            return List.of();
        }
        int last = Math.max(byYear.lastKey(), Year.now(clock).getValue());
        return IntStream.rangeClosed(byYear.firstKey(), last).boxed().toList();
    }

    private TreeMap<Integer, Scheme> of(UnitKind kind) {
        return kind == UnitKind.TOWN ? countyByYear : byYear;
    }
}
