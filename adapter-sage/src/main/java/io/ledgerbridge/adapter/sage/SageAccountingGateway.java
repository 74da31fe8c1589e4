package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.contact.SageContactDraft;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.invoice.SageInvoiceDraft;
import io.ledgerbridge.ports.out.AccountingGateway;
import java.io.IOException;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * {@link AccountingGateway} over Sage's REST API v3.1. Every call carries the bearer token, {@code
 * X-Business} and {@code Accept: application/json}. A 401 renews the access token and repeats that
 * one call once; any other failure is classified and thrown, never retried here.
 */
final class SageAccountingGateway implements AccountingGateway {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final int ITEMS_PER_PAGE = 200;
  private static final int MAX_PAGES = 100;

  private final SageHttp http;
  private final SageTokenManager tokens;
  private final SageRequestBodies bodies;
  private final SageErrors errors;
  private final ObjectMapper json;

  SageAccountingGateway(
      SageHttp http, SageTokenManager tokens, SageRequestBodies bodies, ObjectMapper json) {
    this.http = http;
    this.tokens = tokens;
    this.bodies = bodies;
    this.json = json;
    this.errors = new SageErrors(json);
  }

  @Override
  public Optional<SageRef> findContactByReference(SageConnection sage, String reference) {
    requireConnection(sage);
    if (reference == null || reference.isBlank()) {
      throw new IllegalArgumentException("reference must not be blank");
    }
    SageOperation op = SageOperation.FIND_CONTACT;
    HttpUrl url =
        apiUrl(sage, "/contacts")
            .newBuilder()
            .addQueryParameter("contact_type_id", "CUSTOMER")
            .addQueryParameter("search", reference)
            .addQueryParameter("attributes", "reference")
            .addQueryParameter("items_per_page", Integer.toString(ITEMS_PER_PAGE))
            .build();
    Set<HttpUrl> seen = new HashSet<>();
    for (int page = 0; page < MAX_PAGES && url != null && seen.add(url); page++) {
      SageHttp.Answer answer = call(sage, op, url, null);
      JsonNode root = readJson(op, answer);
      JsonNode items = root.get("$items");
      if (items == null || !items.isArray()) {
        throw SageErrors.unreadable(
            op,
            answer.status(),
            answer.requestId(),
            "collection without $items",
            answer.body(),
            null);
      }
      for (JsonNode item : items) {
        if (reference.equals(item.path("reference").asText(null))) {
          return Optional.of(ref(op, answer, item));
        }
      }
      JsonNode next = root.get("$next");
      url =
          next == null || !next.isTextual() || next.asText().isEmpty()
              ? null
              : follow(sage, next.asText());
    }
    return Optional.empty();
  }

  @Override
  public SageRef createContact(SageConnection sage, SageContactDraft draft, String idempotencyId) {
    requireConnection(sage);
    String body = bodies.contact(draft, idempotencyId);
    SageOperation op = SageOperation.CREATE_CONTACT;
    try {
      return created(op, call(sage, op, apiUrl(sage, "/contacts"), body));
    } catch (PermanentGatewayException e) {
      if (e.errorClass() == ErrorClass.VALIDATION && errors.isReferenceTaken(e.responseBody())) {
        throw new PermanentGatewayException(
            e.system(),
            e.operation(),
            e.httpStatus(),
            e.requestId(),
            ErrorClass.VALIDATION,
            "contact reference "
                + draft.reference()
                + " is reserved by a deleted Sage contact"
                + " (or by a supplier): restore it in Sage, or change the reference of the Sage"
                + " contact holding it, then retry the run. "
                + e.getMessage(),
            e.responseBody(),
            e);
      }
      throw e;
    }
  }

  @Override
  public SageRef createSalesInvoice(
      SageConnection sage, SageInvoiceDraft draft, String idempotencyId) {
    requireConnection(sage);
    Objects.requireNonNull(draft, "draft");
    if (draft.contactId() == null || draft.contactId().isBlank()) {
      throw new IllegalArgumentException("the invoice draft has no contact id yet");
    }
    String body = renderSalesInvoice(draft, idempotencyId);
    SageOperation op = SageOperation.CREATE_SALES_INVOICE;
    return created(op, call(sage, op, apiUrl(sage, "/sales_invoices"), body));
  }

  @Override
  public String renderSalesInvoice(SageInvoiceDraft draft, String idempotencyId) {
    return bodies.salesInvoice(draft, idempotencyId);
  }

  /** One call; on 401 the access token is renewed and the same call sent once more. */
  private SageHttp.Answer call(SageConnection sage, SageOperation op, HttpUrl url, String body) {
    String access = tokens.accessToken(sage, null);
    SageHttp.Answer answer = http.execute(op, request(sage, url, body, access));
    if (answer.status() == 401) {
      String renewed = tokens.accessToken(sage, access);
      answer = http.execute(op, request(sage, url, body, renewed));
    }
    if (!answer.isSuccess()) {
      throw errors.forStatus(op, answer.status(), answer.body(), answer.requestId());
    }
    return answer;
  }

  private static Request request(SageConnection sage, HttpUrl url, String body, String access) {
    Request.Builder builder =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + access)
            .header("X-Business", sage.businessId())
            .header("Accept", "application/json");
    if (body == null) {
      builder.get();
    } else {
      builder.post(RequestBody.create(body, JSON));
    }
    return builder.build();
  }

  private SageRef created(SageOperation op, SageHttp.Answer answer) {
    return ref(op, answer, readJson(op, answer));
  }

  private static SageRef ref(SageOperation op, SageHttp.Answer answer, JsonNode node) {
    JsonNode id = node.get("id");
    if (id == null || !id.isTextual() || id.asText().isEmpty()) {
      throw SageErrors.unreadable(
          op, answer.status(), answer.requestId(), "no id in the response", answer.body(), null);
    }
    JsonNode displayed = node.get("displayed_as");
    return new SageRef(
        id.asText(), displayed == null || displayed.isNull() ? null : displayed.asText());
  }

  private JsonNode readJson(SageOperation op, SageHttp.Answer answer) {
    JsonNode root;
    try {
      root = json.readTree(answer.body());
    } catch (IOException e) {
      throw SageErrors.unreadable(
          op, answer.status(), answer.requestId(), "body is not JSON", answer.body(), e);
    }
    if (root == null || !root.isObject()) {
      throw SageErrors.unreadable(
          op,
          answer.status(),
          answer.requestId(),
          "body is not a JSON object",
          answer.body(),
          null);
    }
    return root;
  }

  /** {@code apiUrl} plus a path such as {@code /contacts}. */
  private static HttpUrl apiUrl(SageConnection sage, String path) {
    HttpUrl url = HttpUrl.parse(base(sage) + path);
    if (url == null) {
      throw new IllegalArgumentException("apiUrl is not an http(s) URL: " + sage.apiUrl());
    }
    return url;
  }

  /** {@code $next} is relative to the API base, without the {@code /v3.1} prefix (SAGE §4). */
  private static HttpUrl follow(SageConnection sage, String next) {
    HttpUrl absolute = HttpUrl.parse(next);
    if (absolute != null) {
      return absolute;
    }
    return apiUrl(sage, next.startsWith("/") ? next : "/" + next);
  }

  private static String base(SageConnection sage) {
    String base = sage.apiUrl();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base;
  }

  private static void requireConnection(SageConnection sage) {
    Objects.requireNonNull(sage, "sage");
    requireText(sage.tenantId(), "tenantId");
    requireText(sage.apiUrl(), "apiUrl");
    requireText(sage.businessId(), "businessId");
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("SageConnection." + name + " must not be blank");
    }
  }
}
