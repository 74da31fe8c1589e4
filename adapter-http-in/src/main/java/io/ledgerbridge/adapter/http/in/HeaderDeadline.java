package io.ledgerbridge.adapter.http.in;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.internal.HttpConnection;

/**
 * Closes connections whose request line and headers are still incomplete a fixed time after they
 * started arriving (slow-loris). Jetty's idle timeout only bounds the gap between two bytes; a
 * client sending one header byte every few seconds would otherwise keep its connection for hours.
 * Runs once a second over the connector's connections; a connection has to be seen mid-header in
 * two sweeps spanning the timeout before it is closed, so a parser state read while it changes
 * never closes a healthy connection.
 */
final class HeaderDeadline implements Runnable {
  private final ServerConnector connector;
  private final long timeoutNanos;
  private final RejectionLog rejections;
  private final Map<EndPoint, Long> midHeaderSince = new ConcurrentHashMap<>();

  HeaderDeadline(ServerConnector connector, long timeoutMillis, RejectionLog rejections) {
    this.connector = connector;
    this.timeoutNanos = timeoutMillis * 1_000_000L;
    this.rejections = rejections;
  }

  @Override
  public void run() {
    long now = System.nanoTime();
    midHeaderSince.keySet().removeIf(endPoint -> !endPoint.isOpen());
    for (EndPoint endPoint : connector.getConnectedEndPoints()) {
      if (!(endPoint.getConnection() instanceof HttpConnection http)) {
        continue;
      }
      boolean midHeader = http.getParser().inHeaderState() && !http.getParser().isStart();
      if (!midHeader) {
        midHeaderSince.remove(endPoint);
        continue;
      }
      Long since = midHeaderSince.putIfAbsent(endPoint, now);
      if (since != null && now - since >= timeoutNanos) {
        midHeaderSince.remove(endPoint);
        rejections.record("request headers too slow");
        endPoint.close();
      }
    }
  }
}
