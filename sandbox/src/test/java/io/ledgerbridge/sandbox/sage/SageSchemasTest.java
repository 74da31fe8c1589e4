package io.ledgerbridge.sandbox.sage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SageSchemasTest {

  private static JsonNode json(String s) throws Exception {
    return SageJson.MAPPER.readTree(s);
  }

  @Test
  void classpathCopiesCarryTheOfficialSchemas() throws Exception {
    SageSchemas schemas = SageSchemas.load(null, true);

    assertThat(
            schemas.validateSalesInvoice(
                json(
                    "{\"sales_invoice\":{\"contact_id\":\"c\",\"date\":\"2025-01-01\",\"idempotency_id\":\"k\","
                        + "\"invoice_lines\":[{\"description\":\"d\",\"ledger_account_id\":\"l\",\"unit_price\":\"1.00\"}]}}")))
        .isEmpty();
    assertThat(
            schemas.validateContact(
                json(
                    "{\"contact\":{\"name\":\""
                        + "n".repeat(101)
                        + "\",\"contact_type_ids\":[\"CUSTOMER\"]}}")))
        .extracting(SageJson.SageError::source)
        .containsExactly("name");
  }

  @Test
  void findsTheSharedDirectoryWalkingUp() {
    Path shared =
        SageSchemas.findSharedDir(Path.of(System.getProperty("user.dir")).toAbsolutePath());
    if (shared != null) { // present in the development tree, absent in a bare checkout
      SageSchemas schemas = SageSchemas.load(shared, true);
      assertThat(schemas.validateContact(json0("{\"contact\":{\"contact_type_ids\":[]}}")))
          .extracting(SageJson.SageError::source)
          .containsExactly("name");
    }
  }

  private static JsonNode json0(String s) {
    try {
      return json(s);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
