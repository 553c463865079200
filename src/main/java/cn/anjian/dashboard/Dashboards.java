package cn.anjian.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.anjian.semantic.Catalog;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * All dashboards, read once at start-up from the dashboard files. Files ship inside the jar, so they change only
 * with a new build and a restart; reading them up front makes a broken file fail the start, not a page view.
 */
@Component
class Dashboards {

    private final Map<String, Dashboard> byId = new LinkedHashMap<>();

    Dashboards(DashboardProperties properties, Catalog catalog) {
        DashboardLoader loader = new DashboardLoader(catalog);
        for (Resource resource : resources(properties.location())) {
            Dashboard dashboard = loader.load(resource);
            Dashboard earlier = byId.putIfAbsent(dashboard.id(), dashboard);
            if (earlier != null) {
                throw new IllegalStateException("Two dashboard files declare the id " + dashboard.id()
                        + " (one is " + resource.getFilename() + ")");
            }
        }
        for (Dashboard dashboard : byId.values()) {
            for (Panel panel : dashboard.panels()) {
                if (panel.drill() != null && !byId.containsKey(panel.drill().dashboard())) {
                    throw new IllegalStateException("dashboards/" + dashboard.id() + ".yaml: panel " + panel.id()
                            + " drills to an unknown dashboard " + panel.drill().dashboard());
                }
            }
        }
    }

    List<Dashboard> all() {
        return List.copyOf(byId.values());
    }

    Optional<Dashboard> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private static List<Resource> resources(String location) {
        try {
            return Arrays.stream(new PathMatchingResourcePatternResolver().getResources(location))
                    .sorted(Comparator.comparing(Resource::getFilename))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list dashboard files at " + location, e);
        }
    }
}
