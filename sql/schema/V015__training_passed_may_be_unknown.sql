-- 考核合格 is an optional column of the training ledger: a blank cell is unknown, not "passed". It was stored as true
-- (NOT NULL with a default), which pushed training_pass_rate towards 100 % for ledgers without the column; the pass
-- rate now counts only trainees whose result the ledger states.
ALTER TABLE fact_training ALTER COLUMN passed DROP NOT NULL;
