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
                          + ") VALUES (:tenant, :magento, :api,"
                          + " :token, :business, :country, :currency, :status, :created)"
                          + " ON CONFLICT DO NOTHING")
                  .bind("tenant", t)
                  .bind("magento", b.magentoBaseUrl())
                  .bind("api", b.sageApiUrl())
                  .bind("token", b.sageTokenUrl())
                  .bind("business", b.sageBusinessId())
                  .bind("country", b.businessCountry())
                  .bind("currency", b.baseCurrency())
                  .bind("status", b.status().db())
                  .bindByType("created", b.createdAt(), Instant.class)
                  .execute();
          if (inserted == 0) {
            throw new DuplicateBindingException(t);
          }
          h.createUpdate(
                  "INSERT INTO binding_secrets (tenant_id, api_key_enc, sage_client_id_enc,"
                      + " sage_client_secret_enc, updated_at) VALUES (:tenant, :k, :id, :secret,"
                      + " :now)")
              .bind("tenant", t)
              .bind("k", cipher.encrypt(s.apiKey(), aad(t, "api_key")))
              .bind("id", cipher.encrypt(s.sageClientId(), aad(t, "sage_client_id")))
              .bind("secret", cipher.encrypt(s.sageClientSecret(), aad(t, "sage_client_secret")))
              .bindByType("now", now, Instant.class)
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
                    "SELECT api_key_enc, sage_client_id_enc, sage_client_secret_enc"
                        + " FROM binding_secrets WHERE tenant_id = :t")
                .bind("t", tenantId)
                .map(
                    (rs, ctx) ->
                        new BindingSecrets(
                            cipher.decrypt(rs.getString("api_key_enc"), aad(tenantId, "api_key")),
                            cipher.decrypt(
                                rs.getString("sage_client_id_enc"),
                                aad(tenantId, "sage_client_id")),
                            cipher.decrypt(
                                rs.getString("sage_client_secret_enc"),
                                aad(tenantId, "sage_client_secret"))))
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

  @Override
  public boolean changeStatus(String tenantId, BindingStatus status) {
    return db.call(
            "binding.change_status",
            h ->
                h.createUpdate("UPDATE bindings SET status = :s WHERE tenant_id = :t")
                    .bind("s", status.db())
                    .bind("t", tenantId)
                    .execute())
        == 1;
  }
}
