package cn.anjian.etl;

/**
 * Published after an import completed or was withdrawn: the warehouse's facts or dimensions may have changed (and
 * the marts were refreshed), so copies of it, such as the Parquet lake, can catch up.
 *
 * @param batchId the import that completed or was withdrawn
 */
public record WarehouseChanged(long batchId) {
}
