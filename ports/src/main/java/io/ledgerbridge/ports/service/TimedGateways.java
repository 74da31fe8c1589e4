package io.ledgerbridge.ports.service;

import io.ledgerbridge.core.failure.ErrorClass;
import io.ledgerbridge.core.failure.GatewayException;
import io.ledgerbridge.ports.out.AccountingGateway;
import io.ledgerbridge.ports.out.ChassisMetrics;
import io.ledgerbridge.ports.out.ChassisMetrics.Remote;
import io.ledgerbridge.ports.out.StoreGateway;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * Times every remote call of a gateway for {@link ChassisMetrics#remoteCall}: a decorator that
 * passes each call through unchanged and reports how long it took and how it ended ({@code ok}, or
 * the error class of the {@link GatewayException} it threw; anything else counts as {@code
 * internal}). The operation is the port method's name in snake case, so the label has as many
 * values as the port has methods. The {@code render...} methods of {@link AccountingGateway} build
 * a request body without sending it and are not timed.
 *
 * <p>One dynamic proxy serves both ports, instead of a hand-written decorator that would repeat
 * each of their thirty methods and drift from them.
 */
public final class TimedGateways {
  private TimedGateways() {}

  /** Sage calls, timed by {@code nanoTime} (normally {@code System::nanoTime}). */
  public static AccountingGateway accounting(
      AccountingGateway gateway, ChassisMetrics metrics, LongSupplier nanoTime) {
    return timed(
        AccountingGateway.class,
        gateway,
        Remote.SAGE,
        metrics,
        nanoTime,
        m -> !m.getName().startsWith("render"));
  }

  /** Store calls, timed by {@code nanoTime} (normally {@code System::nanoTime}). */
  public static StoreGateway store(
      StoreGateway gateway, ChassisMetrics metrics, LongSupplier nanoTime) {
    return timed(StoreGateway.class, gateway, Remote.STORE, metrics, nanoTime, m -> true);
  }

  private static <T> T timed(
      Class<T> port,
      T target,
      Remote remote,
      ChassisMetrics metrics,
      LongSupplier nanoTime,
      Predicate<Method> remoteCall) {
    Objects.requireNonNull(target, "gateway");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(nanoTime, "nanoTime");
    if (metrics == ChassisMetrics.NONE) {
      return target;
    }
    Map<Method, String> operations = new ConcurrentHashMap<>();
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getDeclaringClass() == Object.class || !remoteCall.test(method)) {
            return invoke(method, target, args);
          }
          long start = nanoTime.getAsLong();
          String outcome = "ok";
          try {
            return invoke(method, target, args);
          } catch (GatewayException e) {
            outcome = e.errorClass().code();
            throw e;
          } catch (RuntimeException | Error e) {
            outcome = ErrorClass.INTERNAL.code();
            throw e;
          } finally {
            metrics.remoteCall(
                remote,
                operations.computeIfAbsent(method, m -> snakeCase(m.getName())),
                outcome,
                Duration.ofNanos(Math.max(0, nanoTime.getAsLong() - start)));
          }
        };
    return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, handler));
  }

  private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  /** {@code createSalesInvoice} as {@code create_sales_invoice}. */
  static String snakeCase(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 8);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
