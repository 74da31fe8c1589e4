package io.ledgerbridge.core.syncrun;

import static org.assertj.core.api.Assertions.assertThat;

import io.ledgerbridge.core.outbox.JobStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Mermaid diagrams of {@code docs/state-machines.md} against the transition tables in code. */
class StateMachineDiagramTest {
  private static final Pattern EDGE = Pattern.compile("^\\s*(\\w+) --> (\\w+)\\s*$");

  @Test
  void syncRunDiagramMatchesTransitionTable() throws IOException {
    assertThat(drawnEdges("## Sync run"))
        .isEqualTo(codedEdges(SyncRunStatus.values(), SyncRunStatus::successors));
  }

  @Test
  void jobDiagramMatchesTransitionTable() throws IOException {
    assertThat(drawnEdges("## Job"))
        .isEqualTo(codedEdges(JobStatus.values(), JobStatus::successors));
  }

  private static <S extends Enum<S>> Set<String> codedEdges(
      S[] states, Function<S, Set<S>> successors) {
    Set<String> coded = new HashSet<>();
    for (S from : states) {
      for (S to : successors.apply(from)) {
        coded.add(from + "->" + to);
      }
    }
    return coded;
  }

  /**
   * The edges of the first Mermaid block after {@code heading}, without the start and end marks.
   */
  private static Set<String> drawnEdges(String heading) throws IOException {
    String doc = Files.readString(docsFile());
    String block = doc.substring(doc.indexOf(heading));
    int start = block.indexOf("```mermaid");
    block = block.substring(start, block.indexOf("```", start + 3));
    Set<String> drawn = new HashSet<>();
    for (String line : block.split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.matches() && !line.contains("[*]")) {
        drawn.add(m.group(1) + "->" + m.group(2));
      }
    }
    return drawn;
  }

  private static Path docsFile() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("docs/state-machines.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("docs/state-machines.md above the working directory").isNotNull();
    return dir.resolve("docs/state-machines.md");
  }
}
