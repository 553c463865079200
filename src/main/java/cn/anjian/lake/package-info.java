/**
 * The Parquet lake (DESIGN §2, §10; issue #17): every fact and dimension as Hive-partitioned Parquet under
 * {@code anjian.lake.dir} ({@code fact_hazard/year=2024/county=…/town=…/data_0.parquet}) with a
 * {@code _manifest.json}, written on demand ({@code POST /api/lake/write}) and after each import, partitions that
 * changed only. Spark, Trino and DuckDB read it as it is (README, "Parquet lake").
 */
package cn.anjian.lake;
