package cn.anjian.shell;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import cn.anjian.dashboard.DashboardDirectory;
import cn.anjian.semantic.Label;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The order of the menu every page shows, read once at start-up from {@code dashboards/navigation/menu.yaml}: a
 * wrong dashboard id or page name stops the start with the file and line, like a broken dashboard file. Dashboards
 * the file does not name follow the named ones, so a new dashboard file appears in the menu without an edit here.
 */
@Component
class Menu {

    static final String LOCATION = "classpath:dashboards/navigation/menu.yaml";

    private final List<Item> items;

    Menu(DashboardDirectory dashboards) {
        this.items = List.copyOf(read(new PathMatchingResourcePatternResolver().getResource(LOCATION), dashboards));
    }

    /** Every entry in menu order, before the user's role is taken into account. */
    List<Item> items() {
        return items;
    }

    static List<Item> read(Resource file, DashboardDirectory dashboards) {
        String name = "dashboards/navigation/" + file.getFilename();
        Node root;
        try (Reader reader = new InputStreamReader(file.getInputStream(), StandardCharsets.UTF_8)) {
            root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the menu file " + name, e);
        }
        if (!(root instanceof SequenceNode list)) {
            throw new IllegalStateException(name + ": the menu must be a list of `- dashboard: <id>` or "
                    + "`- page: <name>` entries");
        }
        List<Item> items = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Node entry : list.getValue()) {
            int line = entry.getStartMark().getLine() + 1;
            if (!(entry instanceof MappingNode map) || map.getValue().size() != 1
                    || !(map.getValue().get(0).getKeyNode() instanceof ScalarNode key)
                    || !(map.getValue().get(0).getValueNode() instanceof ScalarNode value)) {
                throw new IllegalStateException(name + ":" + line + ": an entry is `dashboard: <id>` or "
                        + "`page: <name>`");
            }
            String id = value.getValue().strip();
            Item item = switch (key.getValue()) {
                case "dashboard" -> dashboards.find(id)
                        .map(d -> new Item(d.title(), d.href(), false, d.id()))
                        .orElseThrow(() -> new IllegalStateException(name + ":" + line + ": no dashboard has the id "
                                + id + " (dashboards: " + String.join(", ", dashboards.navigable().stream()
                                .map(DashboardDirectory.Entry::id).toList()) + ")"));
                case "page" -> ShellPage.of(id)
                        .map(p -> new Item(p.title(), p.href(), p.adminOnly(), null))
                        .orElseThrow(() -> new IllegalStateException(name + ":" + line + ": no page is called "
                                + id + " (pages: " + ShellPage.keys() + ")"));
                default -> throw new IllegalStateException(name + ":" + line + ": unknown entry "
                        + key.getValue() + " (dashboard or page)");
            };
            if (!seen.add(item.href())) {
                throw new IllegalStateException(name + ":" + line + ": " + id + " is listed twice");
            }
            items.add(item);
        }
        for (DashboardDirectory.Entry d : dashboards.navigable()) {
            if (seen.add(d.href())) {
                items.add(new Item(d.title(), d.href(), false, d.id()));
            }
        }
        return items;
    }

    /**
     * One menu entry.
     *
     * @param dashboard the dashboard's id, or {@code null} for another page
     */
    record Item(Label title, String href, boolean adminOnly, String dashboard) {
    }
}
