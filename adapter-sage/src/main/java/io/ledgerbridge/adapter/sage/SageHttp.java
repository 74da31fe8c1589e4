package io.ledgerbridge.adapter.sage;

import java.io.IOException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** Executes one HTTP exchange and reads the whole answer; IO failures become transient errors. */
final class SageHttp {
  private final OkHttpClient client;

  SageHttp(OkHttpClient client) {
    this.client = client;
  }

  /** What came back: status, body text (empty if none) and Sage's request id, if sent. */
  record Answer(int status, String body, String requestId) {
    boolean isSuccess() {
      return status >= 200 && status < 300;
    }
  }

  Answer execute(SageOperation op, Request request) {
    try (Response response = client.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      return new Answer(response.code(), text, requestId(response));
    } catch (IOException e) {
      throw SageErrors.noResponse(op, e);
    }
  }

  private static String requestId(Response response) {
    String id = response.header("X-Request-Id");
    if (id == null) {
      id = response.header("x_request_id");
    }
    return id;
  }
}
