-- A county's import of a town's report package (issue #17) replaces that town's rows of the package's period: rows
-- the corrected package no longer holds are removed (their prior versions kept in the history, so the import can be
-- withdrawn like any other). An import says how many it removed; ledger imports never remove rows (NULL).
ALTER TABLE etl_batch ADD COLUMN rows_removed BIGINT;
