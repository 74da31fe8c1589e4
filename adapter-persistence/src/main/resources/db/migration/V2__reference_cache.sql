-- Sage reference data cached per binding (tax rates, ledger accounts, bank accounts, currencies,
-- base currency, country), replaced as a whole on every refresh. Portable SQL like V1: H2 2.3
-- (MODE=PostgreSQL) and PostgreSQL 15. No foreign key to bindings: the cache is disposable and is
-- rebuilt by the next refresh.

CREATE TABLE reference_cache (
  tenant_id   VARCHAR(128) NOT NULL PRIMARY KEY,
  data_json   TEXT         NOT NULL,
  fetched_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  updated_at  TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
