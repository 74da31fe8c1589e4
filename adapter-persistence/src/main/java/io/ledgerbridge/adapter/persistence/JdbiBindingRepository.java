package io.ledgerbridge.adapter.persistence;

import io.ledgerbridge.core.binding.Binding;
import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.binding.BindingStatus;
import io.ledgerbridge.ports.out.BindingRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;

/** Bindings in {@code bindings}, their secrets AES-GCM encrypted in {@code binding_secrets}. */
final class JdbiBindingRepository implements BindingRepository {
  private static final String COLUMNS =
      "tenant_id, magento_base_url, sage_api_url, sage_token_url, sage_business_id,"
          + " business_country, base_currency, status, created_at";
  private static final RowMapper<Binding> MAPPER =
      (rs, ctx) ->
          new Binding(
              rs.getString("tenant_id"),
              rs.getString("magento_base_url"),
              rs.getString("sage_api_url"),
              rs.getString("sage_token_url"),
              rs.getString("sage_business_id"),
              rs.getString("business_country"),
              rs.getString("base_currency"),
              BindingStatus.fromDb(rs.getString("status")),
              Db.instant(rs, "created_at"));

  private final Db db;
  private final SecretCipher cipher;

  JdbiBindingRepository(Db db, SecretCipher cipher) {
    this.db = db;
    this.cipher = cipher;
  }

  private static String aad(String tenantId, String column) {
    return "binding_secrets/" + tenantId + "/" + column;
  }

  @Override
  public void add(Binding b, BindingSecrets s) {
    String t = b.tenantId();
    Instant now = db.now();
    db.inTransaction(
        "binding.add",
        h -> {
          int inserted =
              h.createUpdate(
                      "INSERT INTO bindings ("
                          + COLUMNS
                          + ", status_changed_at) VALUES (:tenant, :magento, :api,"
                          + " :token, :business, :country, :currency, :status, :created, :now)"
                          + " ON CONFLICT DO NOTHING")
                  .bind("tenant", t)
                  .bind("magento", b.magentoBaseUrl())
                  .bind("api", b.sageApiUrl())
                  .bind("token", b.sageTokenUrl())
                  .bindByType("business", b.sageBusinessId(), String.class)
                  .bindByType("country", b.businessCountry(), String.class)
                  .bindByType("currency", b.baseCurrency(), String.class)
                  .bind("status", b.status().db())
                  .bindByType("created", b.createdAt(), Instant.class)
                  .bindByType("now", now, Instant.class)
                  .execute();
          if (inserted == 0) {
            throw new DuplicateBindingException(t);
          }
          bindSecrets(
                  h.createUpdate(
                      "INSERT INTO binding_secrets (tenant_id, api_key_enc, sage_client_id_enc,"
                          + " sage_client_secret_enc, next_api_key_enc, updated_at)"
                          + " VALUES (:tenant, :k, :id, :secret, :next, :now)"),
                  t,
                  s,
                  now)
              .execute();
          return null;
        });
  }

  @Override
  public Optional<Binding> find(String tenantId) {
    return db.call(
        "binding.find",
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM bindings WHERE tenant_id = :t")
                .bind("t", tenantId)
                .map(MAPPER)
                .findOne());
  }

  @Override
  public Optional<BindingSecrets> secrets(String tenantId) {
    return db.call(
        "binding.secrets",
        h ->
            h.createQuery(
                    "SELECT api_key_enc, sage_client_id_enc, sage_client_secret_enc,"
                        + " next_api_key_enc FROM binding_secrets WHERE tenant_id = :t")
                .bind("t", tenantId)
                .map(
                    (rs, ctx) ->
                        new BindingSecrets(
                            cipher.decrypt(rs.getString("api_key_enc"), aad(tenantId, "api_key")),
                            decryptOrNull(
                                rs.getString("sage_client_id_enc"), tenantId, "sage_client_id"),
                            decryptOrNull(
                                rs.getString("sage_client_secret_enc"),
                                tenantId,
                                "sage_client_secret"),
                            decryptOrNull(
                                rs.getString("next_api_key_enc"), tenantId, "next_api_key")))
                .findOne());
  }

  @Override
  public List<Binding> list() {
    return db.call(
        "binding.list",
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM bindings ORDER BY tenant_id")
                .map(MAPPER)
                .list());
  }

  private String decryptOrNull(String value, String tenantId, String column) {
    return value == null ? null : cipher.decrypt(value, aad(tenantId, column));
  }

  private String encryptOrNull(String value, String tenantId, String column) {
    return value == null ? null : cipher.encrypt(value, aad(tenantId, column));
  }

  private org.jdbi.v3.core.statement.Update bindSecrets(
      org.jdbi.v3.core.statement.Update update, String t, BindingSecrets s, Instant now) {
    return update
        .bind("tenant", t)
        .bind("k", cipher.encrypt(s.apiKey(), aad(t, "api_key")))
        .bindByType("id", encryptOrNull(s.sageClientId(), t, "sage_client_id"), String.class)
        .bindByType(
            "secret", encryptOrNull(s.sageClientSecret(), t, "sage_client_secret"), String.class)
        .bindByType("next", encryptOrNull(s.nextApiKey(), t, "next_api_key"), String.class)
        .bindByType("now", now, Instant.class);
  }

  @Override
  public boolean changeStatus(String tenantId, BindingStatus status) {
    Instant now = db.now();
    return db.call(
            "binding.change_status",
            h ->
                h.createUpdate(
                        "UPDATE bindings SET status = :s, status_changed_at = CASE WHEN status = :s"
                            + " THEN status_changed_at ELSE :now END WHERE tenant_id = :t")
                    .bind("s", status.db())
                    .bind("t", tenantId)
                    .bindByType("now", now, Instant.class)
                    .execute())
        == 1;
  }

  @Override
  public boolean changeStatus(String tenantId, BindingStatus expected, BindingStatus next) {
    Instant now = db.now();
    return db.call(
            "binding.change_status",
            h ->
                h.createUpdate(
                        "UPDATE bindings SET status = :s, status_changed_at = CASE WHEN status = :s"
                            + " THEN status_changed_at ELSE :now END"
                            + " WHERE tenant_id = :t AND status = :expected")
                    .bind("s", next.db())
                    .bind("expected", expected.db())
                    .bind("t", tenantId)
                    .bindByType("now", now, Instant.class)
                    .execute())
        == 1;
  }

  @Override
  public boolean update(Binding b, BindingSecrets s) {
    String t = b.tenantId();
    Instant now = db.now();
    return db.inTransaction(
        "binding.update",
        h -> {
          int updated =
              h.createUpdate(
                      "UPDATE bindings SET magento_base_url = :magento, sage_api_url = :api,"
                          + " sage_token_url = :token, sage_business_id = :business,"
                          + " business_country = :country, base_currency = :currency,"
                          + " status_changed_at = CASE WHEN status = :status"
                          + " THEN status_changed_at ELSE :now END, status = :status"
                          + " WHERE tenant_id = :tenant")
                  .bind("tenant", t)
                  .bind("magento", b.magentoBaseUrl())
                  .bind("api", b.sageApiUrl())
                  .bind("token", b.sageTokenUrl())
                  .bindByType("business", b.sageBusinessId(), String.class)
                  .bindByType("country", b.businessCountry(), String.class)
                  .bindByType("currency", b.baseCurrency(), String.class)
                  .bind("status", b.status().db())
                  .bindByType("now", now, Instant.class)
                  .execute();
          if (updated == 0) {
            return false;
          }
          bindSecrets(
                  h.createUpdate(
                      "UPDATE binding_secrets SET api_key_enc = :k, sage_client_id_enc = :id,"
                          + " sage_client_secret_enc = :secret, next_api_key_enc = :next,"
                          + " updated_at = :now WHERE tenant_id = :tenant"),
                  t,
                  s,
                  now)
              .execute();
          return true;
        });
  }

  @Override
  public boolean remove(String tenantId) {
    return db.inTransaction(
        "binding.remove",
        h -> {
          boolean synced =
              h.createQuery("SELECT COUNT(*) FROM sync_runs WHERE tenant_id = :t")
                      .bind("t", tenantId)
                      .mapTo(Long.class)
                      .one()
                  > 0;
          if (synced) {
            return false;
          }
          h.createUpdate("DELETE FROM binding_secrets WHERE tenant_id = :t")
              .bind("t", tenantId)
              .execute();
          h.createUpdate("DELETE FROM sync_policies WHERE tenant_id = :t")
              .bind("t", tenantId)
              .execute();
          h.createUpdate("DELETE FROM sage_tokens WHERE tenant_id = :t")
              .bind("t", tenantId)
              .execute();
          return h.createUpdate("DELETE FROM bindings WHERE tenant_id = :t")
                  .bind("t", tenantId)
                  .execute()
              == 1;
        });
  }

  @Override
  public Optional<Instant> statusChangedAt(String tenantId) {
    return db.call(
        "binding.status_changed_at",
        h ->
            h.createQuery("SELECT status_changed_at FROM bindings WHERE tenant_id = :t")
                .bind("t", tenantId)
                .map((rs, ctx) -> Db.instant(rs, "status_changed_at"))
                .findOne());
  }

  @Override
  public List<String> inStatusSince(BindingStatus status, Instant before) {
    return db.call(
        "binding.in_status_since",
        h ->
            h.createQuery(
                    "SELECT tenant_id FROM bindings WHERE status = :s AND status_changed_at < :before"
                        + " ORDER BY tenant_id")
                .bind("s", status.db())
                .bindByType("before", before, Instant.class)
                .mapTo(String.class)
                .list());
  }
}
