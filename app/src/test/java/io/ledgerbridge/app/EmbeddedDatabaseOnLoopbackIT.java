package io.ledgerbridge.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} on the embedded default, in its own JVM as an operator runs it: the H2 AUTO_SERVER
 * that lets the operator CLI share the database file listens on loopback only.
 */
class EmbeddedDatabaseOnLoopbackIT {
  @TempDir Path dataDir;

  @Test
  void theEmbeddedDatabaseServerOfServeListensOnLoopbackOnly() throws Exception {
    ServeProcess serve = ServeProcess.start(dataDir, Map.of());
    try {
      String server = awaitServerEntry(dataDir.resolve("data"), serve);
      int colon = server.lastIndexOf(':');
      String host = server.substring(0, colon);
      int port = Integer.parseInt(server.substring(colon + 1));

      assertThat(InetAddress.getByName(host).isLoopbackAddress()).as(host).isTrue();
      try (Socket local = new Socket()) {
        local.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 2_000);
      }
      Optional<InetAddress> external = nonLoopbackAddress();
      if (external.isPresent()) {
        assertThatThrownBy(
                () -> {
                  try (Socket remote = new Socket()) {
                    remote.connect(new InetSocketAddress(external.get(), port), 2_000);
                  }
                })
            .as("the database port must not answer on %s", external.get())
            .isInstanceOf(ConnectException.class);
      }
    } finally {
      serve.close();
    }
  }

  /** The {@code server=host:port} entry H2 writes into the lock file once its server runs. */
  private static String awaitServerEntry(Path dir, ServeProcess serve) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!serve.isAlive()) {
        throw new AssertionError("serve exited: " + serve.log());
      }
      for (Path lock : lockFiles(dir)) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(lock)) {
          p.load(r);
        } catch (IOException e) {
          continue; // being written
        }
        String server = p.getProperty("server");
        if (server != null) {
          return server;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no H2 server entry appeared: " + serve.log());
  }

  private static List<Path> lockFiles(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".lock.db")).toList();
    }
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress a : Collections.list(nic.getInetAddresses())) {
        if (a instanceof Inet4Address) {
          return Optional.of(a);
        }
      }
    }
    return Optional.empty();
  }
}
