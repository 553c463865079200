package cn.anjian.etl;

import org.springframework.batch.core.configuration.support.JdbcDefaultBatchConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.annotation.Isolation;

/**
 * Spring Batch on the warehouse's own DuckDB file, so a chunk's rows and its step metadata commit in one
 * transaction (a kill leaves exactly the committed work). Boot's batch auto-configuration cannot detect DuckDB;
 * DuckDB speaks PostgreSQL's SQL well enough for Batch's repository, and refuses SERIALIZABLE, hence the two
 * overrides. The metadata tables are created by {@code SchemaMigrator} from Batch's stock PostgreSQL script.
 */
@Configuration(proxyBeanMethods = false)
class BatchConfiguration extends JdbcDefaultBatchConfiguration {

    @Override
    protected String getDatabaseType() {
        return "POSTGRES";
    }

    @Override
    protected Isolation getIsolationLevelForCreate() {
        return Isolation.READ_COMMITTED;
    }
}
