package io.ledgerbridge.sandbox.sage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ledgerbridge.sandbox.sage.SageJson.ApiResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Sage's collection envelope ({@code $total/$page/$next/$back/$itemsPerPage/$items}): default 20
 * items, at most 200, a page past the end answers the last page, and {@code attributes} projects
 * the items (by default only {@code id}, {@code displayed_as}, {@code $path}).
 */
final class Paging {

  private static final int DEFAULT_PAGE_SIZE = 20;
  private static final int MAX_PAGE_SIZE = 200;
  private static final Set<String> LINK_FIELDS = Set.of("id", "displayed_as", "$path");

  private Paging() {}

  /** One page of {@code all} in the envelope, projected by {@code attributes}. */
  static ApiResponse page(Map<String, String> q, String collection, List<ObjectNode> all) {
    int perPage;
    int pageNo;
    try {
      perPage =
          q.containsKey("items_per_page")
              ? Integer.parseInt(q.get("items_per_page"))
              : DEFAULT_PAGE_SIZE;
    } catch (NumberFormatException e) {
      perPage = -1;
    }
    if (perPage < 1 || perPage > MAX_PAGE_SIZE) {
      return ApiResponse.error(
          422,
          "RecordInvalid",
          "items_per_page must be between 1 and " + MAX_PAGE_SIZE,
          "items_per_page");
    }
    try {
      pageNo = q.containsKey("page") ? Integer.parseInt(q.get("page")) : 1;
    } catch (NumberFormatException e) {
      pageNo = -1;
    }
    if (pageNo < 1) {
      return ApiResponse.error(422, "RecordInvalid", "page must be 1 or greater", "page");
    }
    int total = all.size();
    int lastPage = Math.max(1, (total + perPage - 1) / perPage);
    pageNo = Math.min(pageNo, lastPage); // past the end: the last page, as Sage does
    int from = (pageNo - 1) * perPage;
    List<ObjectNode> slice = all.subList(Math.min(from, total), Math.min(from + perPage, total));
    Function<ObjectNode, ObjectNode> projection = projection(q.get("attributes"));
    ObjectNode env = SageJson.MAPPER.createObjectNode();
    env.put("$total", total);
    env.put("$page", pageNo);
    BiFunction<Integer, Integer, String> link = (p, size) -> pageLink(collection, p, size, q);
    if (pageNo < lastPage) {
      env.put("$next", link.apply(pageNo + 1, perPage));
    } else {
      env.putNull("$next");
    }
    if (pageNo > 1) {
      env.put("$back", link.apply(pageNo - 1, perPage));
    } else {
      env.putNull("$back");
    }
    env.put("$itemsPerPage", perPage);
    var items = env.putArray("$items");
    slice.forEach(o -> items.add(projection.apply(o)));
    return ApiResponse.ok(env);
  }

  private static String pageLink(String collection, int page, int perPage, Map<String, String> q) {
    StringBuilder sb = new StringBuilder("/").append(collection);
    sb.append("?page=").append(page).append("&items_per_page=").append(perPage);
    q.forEach(
        (k, v) -> {
          if (!k.equals("page") && !k.equals("items_per_page")) {
            sb.append('&').append(encode(k)).append('=').append(encode(v));
          }
        });
    return sb.toString();
  }

  private static Function<ObjectNode, ObjectNode> projection(String attributes) {
    if (attributes != null && attributes.trim().equalsIgnoreCase("all")) {
      return o -> o;
    }
    Set<String> wanted = new LinkedHashSet<>(LINK_FIELDS);
    if (attributes != null) {
      for (String a : attributes.split(",")) {
        if (!a.isBlank()) {
          wanted.add(a.trim());
        }
      }
    }
    return o -> {
      ObjectNode p = SageJson.MAPPER.createObjectNode();
      for (String f : wanted) {
        if (o.has(f)) {
          p.set(f, o.get(f));
        }
      }
      return p;
    };
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
