package cn.anjian.campaign;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import cn.anjian.semantic.Catalog;
import cn.anjian.warehouse.MartRefresher;

/**
 * Every campaign file ({@code dashboards/campaigns/*.yaml}), read and checked at start-up, so a typo stops the start
 * rather than a page. Their tasks and responsible units are written into the warehouse ({@code campaign_task},
 * {@code campaign_assignment}): a progress report is checked against them on import, and the task-unit mart is built
 * from them. A new year's campaign is a new file.
 */
@Component
public class Campaigns {

    static final String LOCATION = "classpath*:dashboards/campaigns/*.yaml";

    private final Map<String, Campaign> byId = new LinkedHashMap<>();

    Campaigns(Catalog catalog, JdbcTemplate jdbc, TransactionTemplate transactions, MartRefresher marts) {
        CampaignLoader loader = new CampaignLoader(catalog, departments(jdbc));
        for (Resource r : resources()) {
            Campaign c = loader.load(r);
            byId.put(c.id(), c);
        }
        transactions.executeWithoutResult(tx -> {
            if (store(jdbc)) {
                marts.refresh();
            }
        });
    }

    /** Department names (and their other spellings) → code, from the reference data. */
    static Map<String, String> departments(JdbcTemplate jdbc) {
        Map<String, String> names = new LinkedHashMap<>();
        jdbc.query("SELECT name_zh, department_code FROM dim_department ORDER BY sort_order",
                rs -> { names.put(rs.getString(1), rs.getString(2)); });
        jdbc.query("SELECT alias, code FROM code_alias WHERE domain = 'department'",
                rs -> { names.putIfAbsent(rs.getString(1), rs.getString(2)); });
        return names;
    }

    static List<Resource> resources() {
        try {
            return Arrays.stream(new PathMatchingResourcePatternResolver().getResources(LOCATION))
                    .sorted(Comparator.comparing(Resource::getFilename)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Campaign> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Campaign> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The campaign whose months hold {@code month}, else the latest one. */
    public Optional<Campaign> current(java.time.YearMonth month) {
        return byId.values().stream().filter(c -> !month.isBefore(c.from()) && !month.isAfter(c.to())).findFirst()
                .or(() -> byId.values().stream().max(Comparator.comparing(Campaign::from)));
    }

    /** Writes the tasks and assignments; true when they differ from what the warehouse held. */
    private boolean store(JdbcTemplate jdbc) {
        List<Object[]> tasks = new ArrayList<>();
        List<Object[]> assignments = new ArrayList<>();
        for (Campaign c : byId.values()) {
            c.tasks().forEach(t -> {
                tasks.add(new Object[] {c.id(), t.id(), t.text(), c.from().atDay(1), c.to().atEndOfMonth(),
                        t.byProgress()});
                if (t.byProgress()) {
                    if (t.forVillages()) {
                        assignments.add(new Object[] {c.id(), t.id(), "village", null});
                    }
                    t.departments().forEach(d -> assignments.add(new Object[] {c.id(), t.id(), "department", d}));
                }
            });
        }
        String before = fingerprint(jdbc);
        jdbc.update("DELETE FROM campaign_task WHERE campaign_id IN (SELECT campaign_id FROM campaign_task"
                + " WHERE starts_on IS NOT NULL)");
        jdbc.update("DELETE FROM campaign_assignment");
        jdbc.batchUpdate("INSERT INTO campaign_task (campaign_id, task_id, title, starts_on, ends_on, by_progress)"
                + " VALUES (?, ?, ?, ?, ?, ?)", tasks);
        jdbc.batchUpdate("INSERT INTO campaign_assignment (campaign_id, task_id, unit_kind, department_code)"
                + " VALUES (?, ?, ?, ?)", assignments);
        return !before.equals(fingerprint(jdbc));
    }

    private static String fingerprint(JdbcTemplate jdbc) {
        return jdbc.queryForObject("SELECT coalesce((SELECT string_agg(concat_ws('|', campaign_id, task_id, starts_on,"
                + " ends_on, by_progress), ',' ORDER BY campaign_id, task_id) FROM campaign_task), '') || '#' ||"
                + " coalesce((SELECT string_agg(concat_ws('|', campaign_id, task_id, unit_kind, department_code), ','"
                + " ORDER BY campaign_id, task_id, unit_kind, department_code) FROM campaign_assignment), '')", String.class);
    }
}
