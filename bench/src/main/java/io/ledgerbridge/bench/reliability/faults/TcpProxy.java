package io.ledgerbridge.bench.reliability.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP forwarder for fault injection. {@link #cut()} closes every live connection and
 * closes new ones as soon as they are accepted, as a dead network path would; {@link #restore()}
 * forwards again. Optionally counts how often a marker (an HTTP request line such as {@code POST
 * /v3.1/sales_invoices}) crossed from client to upstream, so a test can act while that request is
 * in flight. When the client goes away the upstream only sees a half-close: a request it already
 * received is still processed, as a real server would.
 */
public final class TcpProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String upstreamHost;
  private final int upstreamPort;
  private final String marker;
  private final AtomicInteger markerCount = new AtomicInteger();
  private final Set<Socket> live = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private volatile boolean cut;
  private volatile boolean closed;

  private TcpProxy(ServerSocket server, String upstreamHost, int upstreamPort, String marker) {
    this.server = server;
    this.upstreamHost = upstreamHost;
    this.upstreamPort = upstreamPort;
    this.marker = marker;
  }

  public static TcpProxy start(String upstreamHost, int upstreamPort) {
    return start(upstreamHost, upstreamPort, null);
  }

  /** Starts forwarding a free loopback port to the upstream; {@code marker} may be null. */
  public static TcpProxy start(String upstreamHost, int upstreamPort, String marker) {
    try {
      ServerSocket server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
      TcpProxy proxy = new TcpProxy(server, upstreamHost, upstreamPort, marker);
      Thread t = new Thread(proxy::acceptLoop, "tcp-proxy-accept-" + server.getLocalPort());
      t.setDaemon(true);
      t.start();
      return proxy;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start TCP proxy", e);
    }
  }

  public int port() {
    return server.getLocalPort();
  }

  /** Closes every live connection; connections made until {@link #restore()} are closed at once. */
  public void cut() {
    cut = true;
    for (Socket s : live) {
      closeQuietly(s);
    }
    live.clear();
  }

  public void restore() {
    cut = false;
  }

  /** How many times the marker has been seen going upstream. */
  public int markerCount() {
    return markerCount.get();
  }

  public int acceptedConnections() {
    return accepted.get();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return; // closed
      }
      accepted.incrementAndGet();
      if (cut) {
        closeQuietly(client);
        continue;
      }
      Socket upstream;
      try {
        upstream = new Socket(upstreamHost, upstreamPort);
        upstream.setTcpNoDelay(true);
        client.setTcpNoDelay(true);
      } catch (IOException e) {
        closeQuietly(client);
        continue;
      }
      live.add(client);
      live.add(upstream);
      pump(client, upstream, true);
      pump(upstream, client, false);
    }
  }

  private void pump(Socket from, Socket to, boolean upstreamBound) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[16 * 1024];
              String tail = "";
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                int n;
                while ((n = in.read(buf)) >= 0) {
                  if (upstreamBound && marker != null) {
                    String seen = tail + new String(buf, 0, n, StandardCharsets.ISO_8859_1);
                    int at = 0;
                    while ((at = seen.indexOf(marker, at)) >= 0) {
                      markerCount.incrementAndGet();
                      at += marker.length();
                    }
                    int keep = Math.min(seen.length(), marker.length() - 1);
                    tail = seen.substring(seen.length() - keep);
                  }
                  out.write(buf, 0, n);
                  out.flush();
                }
                // orderly end of this direction: pass the half-close on
                to.shutdownOutput();
                if (from.isOutputShutdown() || to.isInputShutdown()) {
                  finish(from, to);
                }
              } catch (IOException e) {
                finish(from, to);
              }
            },
            "tcp-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void finish(Socket a, Socket b) {
    live.remove(a);
    live.remove(b);
    closeQuietly(a);
    closeQuietly(b);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already gone
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // ignore
    }
    cut();
  }
}
