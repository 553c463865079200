package cn.anjian.assessment;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import cn.anjian.semantic.Catalog;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The assessment schemes, loaded and checked once at start: a scheme that names an unknown metric or has
 * overlapping grade bands stops the application with the file and line, rather than scoring a year wrongly.
 */
@Component
class Schemes {

    private final TreeMap<Integer, Scheme> byYear = new TreeMap<>();

    Schemes(AssessmentProperties properties, Catalog catalog) {
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

    Optional<Scheme> forYear(int year) {
        return Optional.ofNullable(byYear.get(year));
    }

    List<Integer> years() {
        return List.copyOf(byYear.keySet());
    }
}
