package io.ledgerbridge.adapter.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ledgerbridge.core.binding.BindingSecrets;
import io.ledgerbridge.core.syncrun.EventType;
import io.ledgerbridge.core.syncrun.SyncRun;
import io.ledgerbridge.testkit.contract.BindingRepositoryContract;
import io.ledgerbridge.testkit.fake.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceAdapterTest {
  @TempDir Path dir;
  private final MutableClock clock = MutableClock.standard();

  @Test
  void createsAnOwnerOnlyKeyFileOnceAndReadsItBack() throws Exception {
    byte[] first = PersistenceAdapter.loadOrCreateKeyFile(dir.resolve("data"));
    byte[] second = PersistenceAdapter.loadOrCreateKeyFile(dir.resolve("data"));

    assertThat(first).hasSize(32).isEqualTo(second);
    Path file = dir.resolve("data").resolve(PersistenceAdapter.KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(Base64.getDecoder().decode(Files.readString(file).trim())).isEqualTo(first);
  }

  @Test
  void prefersAConfiguredKeyInBase64OrHex() {
    byte[] key = TestDatabase.KEY;

    assertThat(PersistenceAdapter.masterKey(Base64.getEncoder().encodeToString(key), dir))
        .isEqualTo(key);
    assertThat(PersistenceAdapter.masterKey(HexFormat.of().formatHex(key), dir)).isEqualTo(key);
    assertThat(dir.resolve(PersistenceAdapter.KEY_FILE)).doesNotExist();
    assertThat(PersistenceAdapter.masterKey(" ", dir)).hasSize(32);
    assertThat(dir.resolve(PersistenceAdapter.KEY_FILE)).exists();
  }

  @Test
  void rejectsAConfiguredKeyOfTheWrongLength() {
    assertThatThrownBy(
            () ->
                PersistenceAdapter.masterKey(Base64.getEncoder().encodeToString(new byte[16]), dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("32 bytes");
  }

  @Test
  void embeddedDatabaseKeepsDataAcrossRestartsAndEncryptsSecretsAtRest() {
    PersistenceConfig cfg = PersistenceConfig.embedded(dir, TestDatabase.KEY).withClock(clock);
    SyncRun run =
        SyncRun.accepted(
            UUID.randomUUID(), "t-1", EventType.INVOICE_CREATED, 5, "k", 0, clock.instant());
    try (PersistenceAdapter a = PersistenceAdapter.start(cfg)) {
      assertThat(a.databaseProduct()).isEqualTo("H2");
      assertThat(a.ping()).isTrue();
      a.bindings()
          .add(
              BindingRepositoryContract.binding("t-1", clock),
              new BindingSecrets("plain-api-key", "cid", "plain-secret"));
      a.syncRuns().insert(run);
      List<String> stored =
          a.unitOfWork()
              .inTransaction(
                  () ->
                      ((JdbiUnitOfWork) a.unitOfWork())
                          .currentHandle()
                          .createQuery(
                              "SELECT api_key_enc || sage_client_secret_enc FROM binding_secrets")
                          .mapTo(String.class)
                          .list());
      assertThat(stored).singleElement().asString().doesNotContain("plain");
    }
    try (PersistenceAdapter again = PersistenceAdapter.start(cfg)) {
      assertThat(again.syncRuns().find(run.id())).contains(run);
      assertThat(again.bindings().secrets("t-1").orElseThrow().apiKey()).isEqualTo("plain-api-key");
    }
    assertThat(dir.resolve("ledgerbridge.mv.db")).exists();
  }

  @Test
  void storesInstantsAsAbsoluteTimesWhateverTheJvmZone() {
    assertThat(ZoneId.systemDefault().getId()).isEqualTo(TestDatabase.SESSION_ZONE);
    try (TestDatabase db = TestDatabase.h2()) {
      PersistenceAdapter a = db.reset(clock);
      SyncRun run =
          SyncRun.accepted(
              UUID.randomUUID(), "t-1", EventType.INVOICE_CREATED, 5, "k", 0, clock.instant());
      a.syncRuns().insert(run);
      OffsetDateTime raw =
          a.unitOfWork()
              .inTransaction(
                  () ->
                      ((JdbiUnitOfWork) a.unitOfWork())
                          .currentHandle()
                          .createQuery("SELECT created_at FROM sync_runs")
                          .map((rs, ctx) -> rs.getObject(1, OffsetDateTime.class))
                          .one());
      assertThat(raw.toInstant()).isEqualTo(clock.instant());
    }
  }

  @Test
  void configNeverShowsPasswordOrKeyAndPutsH2InPostgresMode() {
    PersistenceConfig cfg =
        new PersistenceConfig("jdbc:h2:mem:x", "sa", "hunter2", 2, TestDatabase.KEY, null);

    assertThat(cfg.toString()).doesNotContain("hunter2");
    assertThat(cfg.jdbcUrl()).endsWith(";MODE=PostgreSQL");
    assertThat(
            new PersistenceConfig(
                    "jdbc:postgresql://h/db?password=hunter2", "u", null, 2, TestDatabase.KEY, null)
                .toString())
        .doesNotContain("hunter2");
  }
}
