package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** The operator commands on the embedded H2 file database (the default substrate). */
class OperationsCommandsH2Test extends OperationsCommandsContract {
  private Path dir;

  @Override
  AppConfig freshDatabase() throws Exception {
    dir = Files.createTempDirectory("lb-cli-h2");
    return AppConfig.builder().dataDir(dir).build();
  }

  @Override
  void dropDatabase() throws Exception {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
