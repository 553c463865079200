-- Every export (DESIGN §8): who took which data out, under which filters, how many rows, in which format.
CREATE SEQUENCE export_audit_seq START WITH 1;

CREATE TABLE export_audit (
    audit_id     BIGINT     NOT NULL DEFAULT nextval('export_audit_seq') PRIMARY KEY,
    made_at      TIMESTAMP  NOT NULL,
    principal    VARCHAR    NOT NULL,
    what         VARCHAR    NOT NULL,
    export_format VARCHAR   NOT NULL,
    filters      VARCHAR,
    row_count    BIGINT,
    outcome      VARCHAR    NOT NULL
);
