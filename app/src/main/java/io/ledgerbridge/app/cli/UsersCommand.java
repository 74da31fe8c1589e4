package io.ledgerbridge.app.cli;

import io.ledgerbridge.app.Chassis;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Account;
import io.ledgerbridge.ports.in.ConsoleAccessUseCase.Role;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code users add|list|remove|passwd|token}: console accounts. Passwords are hashed with Argon2id;
 * they are read from a prompt (a terminal), from {@code env:NAME}, or from the first line of
 * standard input, never from the command line itself (it would stay in the shell's history).
 */
@Command(
    name = "users",
    mixinStandardHelpOptions = true,
    description = "Manage console accounts (operators see every binding, merchants their own).",
    subcommands = {
      UsersCommand.Add.class,
      UsersCommand.ListUsers.class,
      UsersCommand.Remove.class,
      UsersCommand.Passwd.class,
      UsersCommand.Token.class,
      UsersCommand.Tokens.class,
      UsersCommand.RevokeToken.class
    })
final class UsersCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The role option: lists the valid values when given another. */
  enum RoleOption {
    operator(Role.OPERATOR),
    merchant(Role.MERCHANT);

    final Role role;

    RoleOption(Role role) {
      this.role = role;
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account.")
  static final class Add implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--username", required = true, description = "Sign-in name (lower case)")
    String username;

    @Option(
        names = "--role",
        required = true,
        description = "operator (every binding) or merchant (one tenant): ${COMPLETION-CANDIDATES}")
    RoleOption role;

    @Option(names = "--tenant-id", description = "The merchant's tenant (merchant users only)")
    String tenantId;

    @Option(
        names = "--password",
        description =
            "env:NAME to read it from an environment variable; without it the password is asked"
                + " for on a terminal, or read from the first line of standard input")
    String password;

    @Override
    public Integer call() {
      String secret = password(password);
      try (Chassis chassis = Cli.open()) {
        Account a = chassis.consoleAccess().addUser(username, role.role, tenantId, secret);
        spec.commandLine()
            .getOut()
            .println(
                "user "
                    + a.username()
                    + " added ("
                    + a.role().db()
                    + (a.tenantId() == null ? "" : ", tenant " + a.tenantId())
                    + ")");
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the accounts.")
  static final class ListUsers implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "Print JSON for scripts")
    boolean json;

    @Override
    public Integer call() {
      try (Chassis chassis = Cli.open()) {
        List<Account> users = chassis.consoleAccess().users();
        if (json) {
          java.util.List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
          for (Account a : users) {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("username", a.username());
            row.put("role", a.role().db());
            row.put("tenant_id", a.tenantId());
            row.put("created_at", a.createdAt().toString());
            rows.add(row);
          }
          Cli.printJson(spec.commandLine().getOut(), rows);
          return 0;
        }
        int width =
            Math.max(8, users.stream().mapToInt(a -> a.username().length()).max().orElse(0));
        String fmt = "%-" + width + "s  %-8s  %-36s  %s%n";
        spec.commandLine().getOut().printf(fmt, "USERNAME", "ROLE", "TENANT", "CREATED");
        for (Account a : users) {
          spec.commandLine()
              .getOut()
              .printf(
                  fmt,
                  a.username(),
                  a.role().db(),
                  a.tenantId() == null ? "-" : a.tenantId(),
                  a.createdAt().toString().substring(0, 19) + "Z");
        }
        if (users.isEmpty()) {
          spec.commandLine().getOut().println("(no users: add one with `users add`)");
        }
      }
      return 0;
    }
  }

  @Command(
      name = "remove",
      mixinStandardHelpOptions = true,
      description = "Delete an account with its sessions and API tokens.")
  static final class Remove implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--username", required = true, description = "The account to delete")
    String username;

    @Override
    public Integer call() {
      try (Chassis chassis = Cli.open()) {
        if (!chassis.consoleAccess().removeUser(username)) {
          throw new IllegalArgumentException("there is no user " + username);
        }
        spec.commandLine()
            .getOut()
            .println("user " + username + " removed; its sessions have ended");
      }
      return 0;
    }
  }

  @Command(
      name = "passwd",
      mixinStandardHelpOptions = true,
      description = "Set a new password (ends the account's sessions).")
  static final class Passwd implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--username", required = true, description = "The account")
    String username;

    @Option(
        names = "--password",
        description = "env:NAME, or asked for on a terminal, or the first line of standard input")
    String password;

    @Override
    public Integer call() {
      String secret = password(password);
      try (Chassis chassis = Cli.open()) {
        chassis.consoleAccess().changePassword(username, secret);
        spec.commandLine()
            .getOut()
            .println("password of " + username + " changed; its sessions have ended");
      }
      return 0;
    }
  }

  @Command(
      name = "token",
      mixinStandardHelpOptions = true,
      description =
          "Create an API token for the admin API and /api, scoped like the user (printed once).")
  static final class Token implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--username", required = true, description = "The token's owner")
    String username;

    @Option(names = "--label", description = "What the token is for", defaultValue = "")
    String label;

    @Override
    public Integer call() {
      try (Chassis chassis = Cli.open()) {
        ConsoleAccessUseCase access = chassis.consoleAccess();
        spec.commandLine()
            .getOut()
            .println(access.createApiToken(username, label.isBlank() ? null : label));
      }
      return 0;
    }
  }

  @Command(
      name = "tokens",
      mixinStandardHelpOptions = true,
      description = "List a user's API tokens (id, label, created; never the tokens themselves).")
  static final class Tokens implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--username", required = true, description = "The tokens' owner")
    String username;

    @Option(names = "--json", description = "Print JSON for scripts")
    boolean json;

    @Override
    public Integer call() {
      try (Chassis chassis = Cli.open()) {
        List<ConsoleAccessUseCase.ApiToken> tokens = chassis.consoleAccess().apiTokens(username);
        if (json) {
          List<java.util.Map<String, Object>> rows = new java.util.ArrayList<>();
          for (ConsoleAccessUseCase.ApiToken t : tokens) {
            java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("id", t.id());
            row.put("label", t.label());
            row.put("created_at", t.createdAt().toString());
            rows.add(row);
          }
          Cli.printJson(spec.commandLine().getOut(), rows);
          return 0;
        }
        String fmt = "%-12s  %-20s  %s%n";
        spec.commandLine().getOut().printf(fmt, "ID", "CREATED", "LABEL");
        for (ConsoleAccessUseCase.ApiToken t : tokens) {
          spec.commandLine()
              .getOut()
              .printf(
                  fmt,
                  t.id(),
                  t.createdAt().toString().substring(0, 19) + "Z",
                  t.label() == null ? "-" : t.label());
        }
      }
      return 0;
    }
  }

  @Command(
      name = "revoke-token",
      mixinStandardHelpOptions = true,
      description = "Revoke one API token of a user (its id from `users tokens`).")
  static final class RevokeToken implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--username", required = true, description = "The token's owner")
    String username;

    @Option(
        names = "--token-id",
        required = true,
        description = "The 12-digit id `users tokens` lists")
    String tokenId;

    @Override
    public Integer call() {
      try (Chassis chassis = Cli.open()) {
        if (!chassis.consoleAccess().revokeApiToken(username, tokenId)) {
          throw new IllegalArgumentException(
              "user " + username + " has no API token " + tokenId.trim());
        }
        spec.commandLine().getOut().println("API token " + tokenId.trim() + " revoked");
      }
      return 0;
    }
  }

  /** The password from {@code env:NAME}, a terminal prompt, or standard input's first line. */
  static String password(String option) {
    if (option != null) {
      if (!option.startsWith("env:")) {
        throw new IllegalArgumentException(
            "--password takes env:NAME (a password on the command line would stay in the shell's"
                + " history); leave it out to be asked");
      }
      return BindingsCommand.secret(option, "--password");
    }
    Console console = System.console();
    if (console != null) {
      char[] first = console.readPassword("Password: ");
      char[] again = console.readPassword("Again: ");
      if (first == null || again == null || !new String(first).equals(new String(again))) {
        throw new IllegalArgumentException("the two passwords differ");
      }
      return new String(first);
    }
    try {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("no password on standard input");
      }
      return line;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the password: " + e.getMessage());
    }
  }
}
