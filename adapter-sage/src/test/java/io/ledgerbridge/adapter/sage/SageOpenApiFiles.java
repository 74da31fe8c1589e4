package io.ledgerbridge.adapter.sage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds Sage's official Swagger files: {@code shared/sage-openapi} next to the repository, found by
 * walking up from {@code user.dir}; the system property {@code ledgerbridge.sageOpenApiDir}
 * overrides.
 */
final class SageOpenApiFiles {
  private SageOpenApiFiles() {}

  static Path directory() {
    String override = System.getProperty("ledgerbridge.sageOpenApiDir");
    if (override != null && !override.isBlank()) {
      return requireDirectory(Paths.get(override));
    }
    Path start = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("sage-openapi");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "shared/sage-openapi not found above "
            + start
            + "; set -Dledgerbridge.sageOpenApiDir=/path/to/sage-openapi");
  }

  static Path file(String name) {
    Path file = directory().resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("missing Sage swagger file " + file);
    }
    return file;
  }

  private static Path requireDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalStateException("not a directory: " + dir);
    }
    return dir;
  }
}
