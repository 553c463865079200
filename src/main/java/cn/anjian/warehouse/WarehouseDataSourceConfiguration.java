package cn.anjian.warehouse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The warehouse's one DataSource: an embedded DuckDB file. DuckDB does not create parent folders, admits one
 * process per file, and is configured per connection, so the pool is built here rather than from
 * {@code spring.datasource.*}. The pool is handed out only after {@link SchemaMigrator} has brought the file to
 * the latest schema, so every bean that sees a DataSource sees a complete warehouse.
 */
@Configuration(proxyBeanMethods = false)
class WarehouseDataSourceConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(WarehouseProperties properties, CodeListProperties codeLists) {
        // a mistake in the code-list file stops the start before the warehouse is opened, naming its line
        CodeLists codes = CodeLists.load(codeLists.file());
        Path file = properties.path().toAbsolutePath();
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("无法创建数据仓库目录 " + file.getParent(), e);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("warehouse");
        config.setDriverClassName("org.duckdb.DuckDBDriver");
        config.setJdbcUrl("jdbc:duckdb:" + file);
        config.setMaximumPoolSize(properties.poolSize());
        config.setMinimumIdle(1);
        config.addDataSourceProperty("memory_limit", properties.memoryLimit());
        config.addDataSourceProperty("threads", String.valueOf(properties.threads()));
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            new SchemaMigrator(dataSource, codes).migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return dataSource;
    }
}
