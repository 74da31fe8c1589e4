package io.ledgerbridge.bench.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A merchant's browser for the connect flows: keeps cookies, follows redirects (the chassis's start
 * page to Sage's consent page to the chassis's callback), submits forms. Real HTTP.
 */
public final class Browser {
  private static final int MAX_REDIRECTS = 10;
  private final HttpClient client;
  private final boolean followRedirects;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

  public Browser() {
    this(true);
  }

  /**
   * @param followRedirects false to look at each redirect (tests of the state)
   */
  public Browser(boolean followRedirects) {
    // redirects are followed here, one request at a time, so the cookies of every response (a
    // redirect's included) are kept the way a browser keeps them
    this.followRedirects = followRedirects;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** A page: where the browser ended up, its status and its HTML. */
  public record Page(URI uri, int status, String body, String location) {
    public boolean says(String text) {
      return body.contains(text);
    }
  }

  public Page get(String url) {
    return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET());
  }

  /**
   * Signs in to the console at {@code adminUrl} (the sign-in page's hidden login token and its
   * cookie, then the form) and returns the page it lands on.
   */
  public Page signIn(String adminUrl, String username, String password) {
    Page login = get(adminUrl + "/login");
    return post(
        adminUrl + "/login",
        Map.of(
            "username",
            username,
            "password",
            password,
            "login_csrf",
            hidden(login, "login_csrf"),
            "next",
            "/dashboard/sync"));
  }

  /** The value of a hidden input of a page (e.g. {@code csrf}). */
  public static String hidden(Page page, String name) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]*)\"")
            .matcher(page.body());
    if (!m.find()) {
      throw new IllegalStateException("no hidden field " + name + " on " + page.uri());
    }
    return m.group(1);
  }

  /** Submits a form ({@code application/x-www-form-urlencoded}). */
  public Page post(String url, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private Page send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> r =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      for (int hops = 0;
          followRedirects
              && hops < MAX_REDIRECTS
              && r.statusCode() / 100 == 3
              && r.headers().firstValue("Location").isPresent();
          hops++) {
        URI next = r.uri().resolve(r.headers().firstValue("Location").get());
        r =
            client.send(
                HttpRequest.newBuilder(next).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      }
      return new Page(
          r.uri(), r.statusCode(), r.body(), r.headers().firstValue("Location").orElse(null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
