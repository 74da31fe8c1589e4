package io.ledgerbridge.testkit.fake;

import io.ledgerbridge.ports.in.ConsoleAccessUseCase.AuditEntry;
import io.ledgerbridge.ports.out.OperatorDirectory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link OperatorDirectory} for unit tests. */
public final class InMemoryOperatorDirectory implements OperatorDirectory {
  private final Map<String, StoredAccount> accounts = new TreeMap<>();
  private final Map<String, StoredSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, String[]> tokens = new ConcurrentHashMap<>();
  private final Map<String, Instant> tokenCreated = new ConcurrentHashMap<>();
  private final List<String[]> failures = new ArrayList<>();
  private final List<Instant> failureTimes = new ArrayList<>();
  private final List<AuditEntry> audit = new ArrayList<>();

  @Override
  public synchronized boolean createAccount(StoredAccount account) {
    return accounts.putIfAbsent(account.username(), account) == null;
  }

  @Override
  public synchronized Optional<StoredAccount> account(String username) {
    return Optional.ofNullable(accounts.get(username));
  }

  @Override
  public synchronized List<StoredAccount> accounts() {
    return List.copyOf(accounts.values());
  }

  @Override
  public synchronized boolean deleteAccount(String username) {
    sessions.values().removeIf(s -> s.username().equals(username));
    tokens.values().removeIf(t -> t[0].equals(username));
    return accounts.remove(username) != null;
  }

  @Override
  public synchronized boolean updatePassword(String username, String passwordHash) {
    StoredAccount a = accounts.get(username);
    sessions.values().removeIf(s -> s.username().equals(username));
    if (a == null) {
      return false;
    }
    accounts.put(
        username,
        new StoredAccount(a.username(), a.role(), a.tenantId(), passwordHash, a.createdAt()));
    return true;
  }

  @Override
  public void createSession(StoredSession session) {
    sessions.put(session.idHash(), session);
  }

  @Override
  public Optional<StoredSession> session(String idHash) {
    return Optional.ofNullable(sessions.get(idHash));
  }

  @Override
  public void touchSession(String idHash, Instant lastSeenAt, Instant expiresAt) {
    sessions.computeIfPresent(
        idHash,
        (k, s) ->
            new StoredSession(
                s.idHash(), s.username(), s.csrfToken(), s.createdAt(), lastSeenAt, expiresAt));
  }

  @Override
  public void deleteSession(String idHash) {
    sessions.remove(idHash);
  }

  @Override
  public int purgeSessions(Instant now) {
    int before = sessions.size();
    sessions.values().removeIf(s -> s.expiresAt().isBefore(now));
    return before - sessions.size();
  }

  @Override
  public void createApiToken(String tokenHash, String username, String label, Instant createdAt) {
    tokens.put(tokenHash, new String[] {username, label});
    tokenCreated.put(tokenHash, createdAt);
  }

  @Override
  public List<StoredApiToken> apiTokens(String username) {
    return tokens.entrySet().stream()
        .filter(e -> e.getValue()[0].equals(username))
        .map(
            e ->
                new StoredApiToken(
                    e.getKey().substring(0, 12),
                    username,
                    e.getValue()[1],
                    tokenCreated.get(e.getKey())))
        .sorted(
            Comparator.comparing(StoredApiToken::createdAt)
                .thenComparing(StoredApiToken::hashPrefix))
        .toList();
  }

  @Override
  public boolean deleteApiToken(String username, String hashPrefix) {
    return tokens
        .entrySet()
        .removeIf(e -> e.getValue()[0].equals(username) && e.getKey().startsWith(hashPrefix));
  }

  @Override
  public Optional<String> apiTokenOwner(String tokenHash) {
    return Optional.ofNullable(tokens.get(tokenHash)).map(t -> t[0]);
  }

  @Override
  public synchronized void recordLoginFailure(String key, Instant at) {
    failures.add(new String[] {key});
    failureTimes.add(at);
  }

  @Override
  public synchronized List<Instant> loginFailuresSince(String key, Instant since) {
    List<Instant> out = new ArrayList<>();
    for (int i = 0; i < failures.size(); i++) {
      if (failures.get(i)[0].equals(key) && !failureTimes.get(i).isBefore(since)) {
        out.add(failureTimes.get(i));
      }
    }
    return out;
  }

  @Override
  public synchronized void clearLoginFailures(String key, Instant before) {
    for (int i = failures.size() - 1; i >= 0; i--) {
      if (failures.get(i)[0].equals(key) || failureTimes.get(i).isBefore(before)) {
        failures.remove(i);
        failureTimes.remove(i);
      }
    }
  }

  @Override
  public synchronized void appendAudit(AuditEntry entry) {
    audit.add(
        new AuditEntry(
            audit.size() + 1L,
            entry.at(),
            entry.actor(),
            entry.action(),
            entry.tenantId(),
            entry.target(),
            entry.detail()));
  }

  @Override
  public synchronized List<AuditEntry> audit(String tenantId, int limit) {
    return audit.stream()
        .filter(e -> tenantId == null || tenantId.equals(e.tenantId()))
        .sorted(Comparator.comparingLong(AuditEntry::id).reversed())
        .limit(limit)
        .toList();
  }
}
