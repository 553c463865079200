package cn.anjian.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Brings a DuckDB file to the latest warehouse schema. A small runner instead of Flyway: Flyway 11 (managed by
 * Boot 4.0.7) has no DuckDB support of its own and only an older major's community plugin works, untested for
 * repair or baseline. This runner does the part we need: {@code sql/schema/V###__*.sql} applied once each, in
 * version order, each in its own transaction with its checksum recorded in {@code anjian_schema_history}; an
 * applied script whose text changed stops the start. Reference data ({@code sql/reference/*.sql}, idempotent) is
 * re-applied whenever its checksum changes; then the code lists users edit ({@link CodeLists}, {@code etl/codes.yaml})
 * are written, at every start, so an edited file takes effect on the next start. Spring Batch's metadata tables
 * (stock PostgreSQL script) are created once.
 */
public final class SchemaMigrator {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrator.class);
    private static final Pattern VERSIONED = Pattern.compile("V(\\d+)__(.+)\\.sql");
    private static final String BATCH_SCHEMA = "org/springframework/batch/core/schema-postgresql.sql";

    private final DataSource dataSource;
    private final CodeLists codes;

    /** Migrates with the code lists shipped in the program (benchmarks, tests of the schema). */
    public SchemaMigrator(DataSource dataSource) {
        this(dataSource, CodeLists.shipped());
    }

    public SchemaMigrator(DataSource dataSource, CodeLists codes) {
        this.dataSource = dataSource;
        this.codes = codes;
    }

    public void migrate() {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, """
                    CREATE TABLE IF NOT EXISTS anjian_schema_history (
                        script VARCHAR PRIMARY KEY, version INTEGER, checksum VARCHAR NOT NULL,
                        applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)""");
            Map<String, String> applied = appliedChecksums(connection);
            for (Resource resource : sorted("classpath*:sql/schema/V*.sql")) {
                SqlScript script = SqlScript.of(resource);
                Matcher m = VERSIONED.matcher(script.name());
                if (!m.matches()) {
                    throw new IllegalStateException("迁移脚本名应为 V###__说明.sql: " + script.name());
                }
                String known = applied.get(script.name());
                if (known == null) {
                    apply(connection, script, Integer.parseInt(m.group(1)));
                } else if (!known.equals(script.checksum())) {
                    throw new IllegalStateException("已执行的迁移脚本被修改 (校验和不符): " + script.name()
                            + "。请新增一个版本脚本，不要修改已发布的脚本。");
                }
            }
            for (Resource resource : sorted("classpath*:sql/reference/*.sql")) {
                SqlScript script = SqlScript.of(resource);
                String key = "reference/" + script.name();
                if (!script.checksum().equals(applied.get(key))) {
                    apply(connection, new SqlScript(key, script.text()), null);
                }
            }
            writeCodes(connection);
            if (!tableExists(connection, "batch_job_instance")) {
                SqlScript batch = SqlScript.of(new ClassPathResource(BATCH_SCHEMA));
                runInTransaction(connection, batch);
                log.info("Created Spring Batch metadata tables");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("数据仓库迁移失败: " + e.getMessage(), e);
        }
    }

    private void apply(Connection connection, SqlScript script, Integer version) throws SQLException {
        log.info("Applying {}", script.name());
        connection.setAutoCommit(false);
        try {
            for (String sql : script.statements()) {
                execute(connection, sql);
            }
            try (PreparedStatement ps = connection.prepareStatement("""
                    INSERT INTO anjian_schema_history (script, version, checksum) VALUES (?, ?, ?)
                    ON CONFLICT (script) DO UPDATE SET checksum = excluded.checksum, applied_at = now()""")) {
                ps.setString(1, script.name());
                ps.setObject(2, version);
                ps.setString(3, script.checksum());
                ps.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException(script.name() + ": " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private void writeCodes(Connection connection) throws SQLException {
        connection.setAutoCommit(false);
        try {
            codes.write(connection);
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new SQLException("代码表 " + codes.file() + ": " + e.getMessage(), e);
        } finally {
            connection.setAutoCommit(true);
        }
        log.info("Code lists written from {}", codes.file());
    }

    private void runInTransaction(Connection connection, SqlScript script) throws SQLException {
        connection.setAutoCommit(false);
        try {
            for (String sql : script.statements()) {
                execute(connection, sql);
            }
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(true);
        }
    }

    private static Map<String, String> appliedChecksums(Connection connection) throws SQLException {
        Map<String, String> applied = new HashMap<>();
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("SELECT script, checksum FROM anjian_schema_history")) {
            while (rs.next()) {
                applied.put(rs.getString(1), rs.getString(2));
            }
        }
        return applied;
    }

    private static boolean tableExists(Connection connection, String table) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT count(*) FROM information_schema.tables WHERE lower(table_name) = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    private static List<Resource> sorted(String pattern) {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources(pattern);
            return Arrays.stream(resources)
                    .sorted(Comparator.comparing(SchemaMigrator::sortKey))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sortKey(Resource resource) {
        String name = resource.getFilename();
        Matcher m = VERSIONED.matcher(name);
        return m.matches() ? String.format("%09d", Integer.parseInt(m.group(1))) : name;
    }
}
