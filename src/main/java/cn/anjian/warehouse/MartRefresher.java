package cn.anjian.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Rebuilds the aggregate tables the dashboards read ({@code sql/marts/*.sql}) after every load. Runs in the
 * caller's transaction when there is one, so a load and its marts commit together.
 */
@Component
public class MartRefresher {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final List<SqlScript> scripts;

    MartRefresher(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.scripts = load();
    }

    @Transactional
    public void refresh() {
        jdbc.execute(WarehouseToday.variable(clock));
        for (SqlScript script : scripts) {
            for (String sql : script.statements()) {
                jdbc.execute(sql);
            }
        }
    }

    private static List<SqlScript> load() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:sql/marts/*.sql");
            return Arrays.stream(resources)
                    .sorted(Comparator.comparing(Resource::getFilename))
                    .map(SqlScript::of)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
