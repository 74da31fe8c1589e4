package io.ledgerbridge.app.cli;

import java.io.PrintStream;

/**
 * A progress bar on the terminal for the long commands: drawn on stderr, only when the process has
 * a console (not when output is piped or captured), redrawn when the shown figure changes. Without
 * a console it prints nothing; the command's summary says what happened either way.
 */
final class ProgressBar implements AutoCloseable {
  private static final int WIDTH = 30;

  private final PrintStream err;
  private final String label;
  private int total;
  private int done;
  private String last = "";

  private ProgressBar(PrintStream err, String label, int total) {
    this.err = err;
    this.label = label;
    this.total = total;
  }

  /** A bar on stderr when there is a console, else one that draws nothing. */
  static ProgressBar start(String label, int total) {
    return new ProgressBar(System.console() == null ? null : System.err, label, total);
  }

  /** Sets the total when it is learnt after the start. */
  void total(int newTotal) {
    this.total = newTotal;
    draw();
  }

  void step() {
    done++;
    draw();
  }

  void advance(int n) {
    done += n;
    draw();
  }

  /** The line as drawn (for tests): label, bar, counts and percentage. */
  static String render(String label, int done, int total) {
    int shown = total <= 0 ? 0 : (int) Math.min(WIDTH, (long) done * WIDTH / total);
    int pct = total <= 0 ? 100 : (int) Math.min(100, (long) done * 100 / total);
    return label
        + " ["
        + "#".repeat(shown)
        + " ".repeat(WIDTH - shown)
        + "] "
        + done
        + "/"
        + total
        + " ("
        + pct
        + "%)";
  }

  private void draw() {
    if (err == null) {
      return;
    }
    String line = render(label, done, total);
    if (!line.equals(last)) {
      err.print("\r" + line);
      err.flush();
      last = line;
    }
  }

  /** Ends the bar's line so the summary starts on its own. */
  @Override
  public void close() {
    if (err != null && !last.isEmpty()) {
      err.println();
      err.flush();
    }
  }
}
