-- Accounts, their region scopes and the audit trail (DESIGN §9, issue #7).

CREATE SEQUENCE seq_app_user START WITH 1;

-- One row per person who signs in. role: ADMIN, LEADER or VILLAGE. password_hash carries its encoder's id
-- ({bcrypt}…), so the hashing scheme can change without a migration. is_demo: created by the demo profile with a
-- published password; such accounts are disabled whenever the app starts without the demo profile.
CREATE TABLE app_user (
    user_id        BIGINT     NOT NULL PRIMARY KEY,
    username       VARCHAR    NOT NULL UNIQUE,
    display_name   VARCHAR    NOT NULL,
    password_hash  VARCHAR    NOT NULL,
    role           VARCHAR    NOT NULL,
    enabled        BOOLEAN    NOT NULL,
    is_demo        BOOLEAN    NOT NULL,
    created_at     TIMESTAMP  NOT NULL,
    created_by     VARCHAR,
    updated_at     TIMESTAMP  NOT NULL
);

-- The regions a user may see: village codes for VILLAGE users, town or county codes for LEADER users (their
-- whole subtree through dim_region.town_code / county_code); ADMIN users have no rows and see everything.
CREATE TABLE app_user_scope (
    user_id        BIGINT     NOT NULL,
    region_code    VARCHAR    NOT NULL,
    PRIMARY KEY (user_id, region_code)
);

CREATE SEQUENCE seq_audit_event START WITH 1;

-- Who did what, when: sign-ins (success and failure), lockouts, imports and other changes, user administration,
-- refused access. actor is the username typed or signed in, or a system name (cli, demo, setup).
CREATE TABLE audit_event (
    event_id       BIGINT     NOT NULL PRIMARY KEY,
    occurred_at    TIMESTAMP  NOT NULL,
    actor          VARCHAR,
    action         VARCHAR    NOT NULL,
    outcome        VARCHAR    NOT NULL,
    target         VARCHAR,
    detail         VARCHAR,
    remote_addr    VARCHAR
);
