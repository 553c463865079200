-- An enterprise without a unified social credit code is named by the ledger's own number (企业内部编号), unique within
-- its town (issue #15): kept with the enterprise, so facts that carry the number link to it, whatever its key.
ALTER TABLE dim_enterprise ADD COLUMN ledger_id VARCHAR;
ALTER TABLE dim_enterprise_history ADD COLUMN ledger_id VARCHAR;
