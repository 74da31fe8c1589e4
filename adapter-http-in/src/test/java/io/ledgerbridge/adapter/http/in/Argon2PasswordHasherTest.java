package io.ledgerbridge.adapter.http.in;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {
  private final Argon2PasswordHasher hasher = new Argon2PasswordHasher();

  @Test
  void hashesAreSaltedPhcStringsThatVerifyOnlyTheirPassword() {
    String a = hasher.hash("correct horse battery staple");
    String b = hasher.hash("correct horse battery staple");

    assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
    assertThat(hasher.verify("correct horse battery staple", a)).isTrue();
    assertThat(hasher.verify("correct horse battery staplE", a)).isFalse();
    assertThat(hasher.verify("", a)).isFalse();
  }

  @Test
  void matchesTheRfc9106StyleReferenceEncodingOfAnotherTool() {
    // produced by the argon2 reference CLI: echo -n password | argon2 somesalt -id -t 2 -m 16 -p 1
    String reference =
        "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
    assertThat(hasher.verify("password", reference)).isTrue();
    assertThat(hasher.verify("passwore", reference)).isFalse();
  }

  @Test
  void aHashKeepsItsOwnCostSoOldHashesStillVerify() {
    String cheap = new Argon2PasswordHasher(1024, 1).hash("a long enough password");
    assertThat(cheap).contains("$m=1024,t=1,p=1$");
    assertThat(hasher.verify("a long enough password", cheap)).isTrue();
  }

  @Test
  void refusesWhatItCannotReadOrACostThatWouldStallTheServer() {
    assertThat(hasher.verify("x", null)).isFalse();
    assertThat(hasher.verify("x", "$2b$10$abcdefghijklmnopqrstuu")).isFalse();
    assertThat(hasher.verify("x", "$argon2id$v=19$m=99999999,t=2,p=1$c29tZXNhbHQ$AAAA")).isFalse();
    assertThat(
            hasher.verify("x", "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$AAAAAAAAAAAAAAAAAAAAAA"))
        .isFalse();
    assertThat(hasher.verify("x", "$argon2id$v=19$m=65536,t=2,p=1$!!$??")).isFalse();
  }
}
