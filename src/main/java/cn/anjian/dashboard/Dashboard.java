package cn.anjian.dashboard;

import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import cn.anjian.semantic.Filters;
import cn.anjian.semantic.Label;

/**
 * A dashboard as declared in its YAML file in {@code dashboards/}.
 *
 * @param id          stable id, used in URLs
 * @param title       page title
 * @param description one line under the title
 * @param defaults    filters that apply when the URL names none
 * @param panels      in page order
 */
record Dashboard(String id, Label title, Label description, Defaults defaults, List<Panel> panels,
                 List<String> requiredFilters) {

    Dashboard(String id, Label title, Label description, Defaults defaults, List<Panel> panels) {
        this(id, title, description, defaults, panels, List.of());
    }

    Optional<Panel> panel(String panelId) {
        return panels.stream().filter(p -> p.id().equals(panelId)).findFirst();
    }

    /**
     * Default filters. The time range is relative ("the last n months, ending this month") so a bookmark without
     * dates keeps showing the recent past.
     *
     * @param lastMonths length of the default range in months, ending with the current month
     * @param sectors    default sector codes; empty for all
     * @param villages   default village codes; empty for all
     * @param codes      default codes of further filters by id
     */
    record Defaults(int lastMonths, List<String> sectors, List<String> villages, Map<String, List<String>> codes) {

        Defaults(int lastMonths, List<String> sectors, List<String> villages) {
            this(lastMonths, sectors, villages, Map.of());
        }

        Filters resolve(YearMonth currentMonth) {
            return new Filters(currentMonth.minusMonths(lastMonths - 1L), currentMonth, sectors, villages, codes,
                    null);
        }
    }
}
