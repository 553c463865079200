package cn.anjian.dashboard;

import java.util.List;
import java.util.Optional;

import cn.anjian.semantic.Label;

import org.springframework.stereotype.Component;

/**
 * What other features may know of the dashboards: which exist, their titles, and which belong in a menu (a village
 * or enterprise page is reached by drilling to one member, never opened bare from the menu).
 */
@Component
public class DashboardDirectory {

    private final Dashboards dashboards;

    DashboardDirectory(Dashboards dashboards) {
        this.dashboards = dashboards;
    }

    /** Dashboards a menu may list, in file-name order. */
    public List<Entry> navigable() {
        return dashboards.all().stream()
                .filter(d -> !DashboardPageController.DRILL_TARGETS.contains(d.id()))
                .map(d -> new Entry(d.id(), d.title()))
                .toList();
    }

    public Optional<Entry> find(String id) {
        return dashboards.find(id).map(d -> new Entry(d.id(), d.title()));
    }

    /** One dashboard: its id (the URL's {@code /dashboards/{id}}) and title. */
    public record Entry(String id, Label title) {

        public String href() {
            return "/dashboards/" + id;
        }
    }
}
