package io.ledgerbridge.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table whose columns are as wide as their widest cell, so rows align whatever the
 * values; the last column is not padded. Null cells print as {@code -}.
 */
final class Table {
  private final String[] headers;
  private final List<String[]> rows = new ArrayList<>();

  Table(String... headers) {
    this.headers = headers.clone();
  }

  Table row(Object... cells) {
    if (cells.length != headers.length) {
      throw new IllegalArgumentException(
          "a row of " + cells.length + " cells in a table of " + headers.length + " columns");
    }
    rows.add(
        Arrays.stream(cells)
            .map(c -> c == null ? "-" : oneLine(c.toString()))
            .toArray(String[]::new));
    return this;
  }

  boolean isEmpty() {
    return rows.isEmpty();
  }

  void print(PrintWriter out) {
    int[] width = new int[headers.length];
    for (int i = 0; i < headers.length; i++) {
      width[i] = headers[i].length();
      for (String[] r : rows) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    line(out, headers, width);
    for (String[] r : rows) {
      line(out, r, width);
    }
    out.flush();
  }

  private static void line(PrintWriter out, String[] cells, int[] width) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      if (i > 0) {
        b.append("  ");
      }
      b.append(cells[i]);
      if (i < cells.length - 1) {
        b.append(" ".repeat(width[i] - cells[i].length()));
      }
    }
    out.println(b.toString().stripTrailing());
  }

  /** Collapses whitespace so one value never breaks a row. */
  static String oneLine(String s) {
    return s.replaceAll("\\s+", " ").trim();
  }

  /** The first {@code max} characters of {@code s}, with an ellipsis when cut. */
  static String cut(String s, int max) {
    if (s == null) {
      return null;
    }
    String one = oneLine(s);
    return one.length() > max ? one.substring(0, max - 1) + "…" : one;
  }
}
