package io.ledgerbridge.core.syncrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StateMachineDiagramTest {
  private static final Pattern EDGE = Pattern.compile("^\\s*(\\w+) --> (\\w+)\\s*$");

  @Test
  void syncRunDiagramMatchesTransitionTable() throws IOException {
    String doc = Files.readString(docsFile());
    String block = doc.substring(doc.indexOf("## Sync run"));
    block = block.substring(block.indexOf("```mermaid"), block.indexOf("```", block.indexOf("```mermaid") + 3));
    Set<String> drawn = new HashSet<>();
    for (String line : block.split("\n")) {
      Matcher m = EDGE.matcher(line);
      if (m.matches() && !m.group(1).equals("[*]") && !line.contains("[*]")) {
        drawn.add(m.group(1) + "->" + m.group(2));
      }
    }
    Set<String> coded = new HashSet<>();
    for (SyncRunStatus from : SyncRunStatus.values()) {
      for (SyncRunStatus to : from.successors()) {
        coded.add(from + "->" + to);
      }
    }
    assertThat(drawn).isEqualTo(coded);
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
