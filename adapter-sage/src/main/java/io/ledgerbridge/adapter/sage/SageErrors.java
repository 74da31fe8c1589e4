package io.ledgerbridge.adapter.sage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.core.failure.PermanentGatewayException;
import io.ledgerbridge.core.failure.TransientGatewayException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Classifies Sage failures once, at the edge (SAGE §3): status code to error class, Sage's {@code
 * $}-keyed error envelope to a readable message. Messages never contain tokens or secrets.
 */
final class SageErrors {
  static final String SYSTEM = "sage";

  /** Response bodies kept on exceptions are cut to this many characters. */
  static final int MAX_BODY_CHARS = 4000;

  private static final Pattern REFERENCE_TAKEN =
      Pattern.compile("taken|already|exist|in use|unique|duplicate", Pattern.CASE_INSENSITIVE);

  private final ObjectMapper json;

  SageErrors(ObjectMapper json) {
    this.json = json;
  }

  /** A non-2xx answer from the API (for 401: the answer after the one renewal retry). */
  GatewayException forStatus(SageOperation op, int status, String body, String requestId) {
    String detail = envelopeSummary(body);
    String said = detail.isEmpty() ? "" : ": " + detail;
    String kept = truncate(body);
    String where = " (HTTP " + status + " on " + op.code() + ")";
    if (status == 429) {
      return transientError(
          op,
          status,
          requestId,
          ErrorClass.RATE_LIMITED,
          "Sage rate limit reached" + where + said,
          kept);
    }
    if (status == 500 || status == 502 || status == 503 || status == 504) {
      return transientError(
          op, status, requestId, ErrorClass.PROVIDER, "Sage server error" + where + said, kept);
    }
    if (status == 401) {
      return permanent(
          op,
          status,
          requestId,
          ErrorClass.AUTH,
          "Sage rejected a freshly renewed access token"
              + where
              + said
              + "; check the Sage subscription, or reconnect the binding",
          kept);
    }
    if (status == 403) {
      return permanent(
          op,
          status,
          requestId,
          ErrorClass.AUTH,
          "Sage denied access"
              + where
              + said
              + "; the connected Sage user lacks the rights for this area or business",
          kept);
    }
    if (status == 404) {
      return permanent(
          op,
          status,
          requestId,
          ErrorClass.NOT_FOUND,
          "Sage resource not found" + where + said,
          kept);
    }
    if (status == 400 || status == 422) {
      String message = "Sage rejected " + op.subject() + (detail.isEmpty() ? where : ": " + detail);
      return permanent(op, status, requestId, ErrorClass.VALIDATION, message, kept);
    }
    return permanent(
        op, status, requestId, ErrorClass.HTTP, "unexpected Sage response" + where + said, kept);
  }

  /** No response at all: connection refused or reset, timeout. */
  static TransientGatewayException noResponse(SageOperation op, IOException e) {
    return new TransientGatewayException(
        SYSTEM,
        op.code(),
        0,
        null,
        ErrorClass.HTTP,
        "no response from Sage on "
            + op.code()
            + ": "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"),
        null,
        e);
  }

  /** A 2xx whose body is not what Sage documents. */
  static PermanentGatewayException unreadable(
      SageOperation op, int status, String requestId, String what, String body, Throwable cause) {
    return new PermanentGatewayException(
        SYSTEM,
        op.code(),
        status,
        requestId,
        ErrorClass.SERDE,
        "unreadable Sage response on " + op.code() + " (HTTP " + status + "): " + what,
        truncate(body),
        cause);
  }

  static PermanentGatewayException permanent(
      SageOperation op,
      int status,
      String requestId,
      ErrorClass errorClass,
      String message,
      String body) {
    return new PermanentGatewayException(
        SYSTEM, op.code(), status, requestId, errorClass, message, body, null);
  }

  static TransientGatewayException transientError(
      SageOperation op,
      int status,
      String requestId,
      ErrorClass errorClass,
      String message,
      String body) {
    return new TransientGatewayException(
        SYSTEM, op.code(), status, requestId, errorClass, message, body, null);
  }

  /**
   * Whether Sage's envelope blames a record of the request ({@code RecordNotFound}, {@code
   * RecordInvalid}), as opposed to the endpoint or the user's access.
   */
  boolean namesRecordProblem(String body) {
    for (JsonNode error : envelope(body)) {
      String code = error.path("$dataCode").asText("");
      if (code.equals("RecordNotFound") || code.equals("RecordInvalid")) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when Sage refused a contact because its reference is already used (by a deleted contact,
   * or by a supplier, since the search before the create only sees customers).
   */
  boolean isReferenceTaken(String body) {
    for (JsonNode error : envelope(body)) {
      String message = error.path("$message").asText("");
      String source = error.path("$source").asText("");
      boolean aboutReference =
          source.toLowerCase(Locale.ROOT).contains("reference")
              || message.toLowerCase(Locale.ROOT).contains("reference");
      if (aboutReference && REFERENCE_TAKEN.matcher(message).find()) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code RecordInvalid: Couldn't find Supplier. (source: contact_id)}, errors joined by {@code ;
   * }, or empty when the body is not Sage's envelope.
   */
  String envelopeSummary(String body) {
    List<String> parts = new ArrayList<>();
    for (JsonNode error : envelope(body)) {
      StringBuilder part = new StringBuilder();
      String code = error.path("$dataCode").asText("");
      String message = error.path("$message").asText("");
      String source = error.path("$source").asText("");
      if (!code.isEmpty()) {
        part.append(code);
      }
      if (!message.isEmpty()) {
        part.append(part.length() == 0 ? "" : ": ").append(message);
      }
      if (!source.isEmpty()) {
        part.append(part.length() == 0 ? "" : " ").append("(source: ").append(source).append(')');
      }
      if (part.length() > 0) {
        parts.add(part.toString());
      }
    }
    return String.join("; ", parts);
  }

  private List<JsonNode> envelope(String body) {
    List<JsonNode> errors = new ArrayList<>();
    if (body == null || body.isBlank()) {
      return errors;
    }
    JsonNode root;
    try {
      root = json.readTree(body);
    } catch (IOException e) {
      return errors;
    }
    if (root == null) {
      return errors;
    }
    if (root.isArray()) {
      root.forEach(
          node -> {
            if (node.isObject()) {
              errors.add(node);
            }
          });
    } else if (root.isObject() && (root.has("$message") || root.has("$dataCode"))) {
      errors.add(root);
    }
    return errors;
  }

  static String truncate(String body) {
    if (body == null || body.isEmpty()) {
      return null;
    }
    return body.length() <= MAX_BODY_CHARS ? body : body.substring(0, MAX_BODY_CHARS) + "...";
  }
}
