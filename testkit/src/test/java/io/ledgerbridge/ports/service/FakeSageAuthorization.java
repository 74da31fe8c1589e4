package io.ledgerbridge.ports.service;

import io.ledgerbridge.ports.out.SageAuthorization;
import io.ledgerbridge.ports.out.TokenVault.SageTokens;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Scripted Sage authorization: every code is exchanged for tokens named after it ({@code
 * refresh-<code>}, {@code access-<code>}), the user reaches {@link #businesses}, and every call is
 * recorded. Queued failures are thrown first.
 */
final class FakeSageAuthorization implements SageAuthorization {
  record Exchange(SageClient client, String code, String redirectUri) {}

  record Revocation(SageClient client, String refreshToken) {}

  final List<Exchange> exchanges = new ArrayList<>();
  final List<String> businessCalls = new ArrayList<>();
  final List<Revocation> revocations = new ArrayList<>();
  final Deque<RuntimeException> exchangeFailures = new ArrayDeque<>();
  final Deque<RuntimeException> businessFailures = new ArrayDeque<>();
  final Deque<RuntimeException> revokeFailures = new ArrayDeque<>();
  List<SageBusiness> businesses = new ArrayList<>();

  /** Runs at the start of each {@link #revoke}, before it answers. */
  Runnable beforeRevoke = () -> {};

  static SageTokens tokensFor(String code) {
    return new SageTokens(
        "refresh-" + code, "access-" + code, Instant.parse("2030-01-01T00:00:00Z"));
  }

  @Override
  public SageTokens exchangeCode(SageClient client, String code, String redirectUri) {
    exchanges.add(new Exchange(client, code, redirectUri));
    if (!exchangeFailures.isEmpty()) {
      throw exchangeFailures.pop();
    }
    return tokensFor(code);
  }

  @Override
  public List<SageBusiness> businesses(String apiUrl, String accessToken) {
    businessCalls.add(apiUrl + " " + accessToken);
    if (!businessFailures.isEmpty()) {
      throw businessFailures.pop();
    }
    return List.copyOf(businesses);
  }

  @Override
  public void revoke(SageClient client, String refreshToken) {
    beforeRevoke.run();
    revocations.add(new Revocation(client, refreshToken));
    if (!revokeFailures.isEmpty()) {
      throw revokeFailures.pop();
    }
  }

  List<String> revokedTokens() {
    return revocations.stream().map(Revocation::refreshToken).toList();
  }
}
