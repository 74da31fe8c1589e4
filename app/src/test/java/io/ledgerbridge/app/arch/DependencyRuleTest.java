package io.ledgerbridge.app.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rule of the architecture, checked on the compiled classes of every module. */
class DependencyRuleTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("io.ledgerbridge");
  }

  @Test
  void coreDependsOnTheJdkOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.ledgerbridge.core..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages("io.ledgerbridge.core..", "java..")
        .check(classes);
  }

  /** The JDK includes its cryptography ({@code javax.crypto}: the connect flows' signed links). */
  @Test
  void portsDependOnCoreAndTheJdkOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.ledgerbridge.ports..")
        .should()
        .dependOnClassesThat()
        .resideOutsideOfPackages(
            "io.ledgerbridge.core..", "io.ledgerbridge.ports..", "java..", "javax.crypto..")
        .check(classes);
  }

  @Test
  void adaptersNeverDependOnEachOtherOrOnTheApp() {
    String[] adapters = {"magento", "sage", "persistence", "http.in", "redis"};
    for (String a : adapters) {
      for (String b : adapters) {
        if (!a.equals(b)) {
          noClasses()
              .that()
              .resideInAPackage("io.ledgerbridge.adapter." + a + "..")
              .should()
              .dependOnClassesThat()
              .resideInAPackage("io.ledgerbridge.adapter." + b + "..")
              .check(classes);
        }
      }
      noClasses()
          .that()
          .resideInAPackage("io.ledgerbridge.adapter." + a + "..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.ledgerbridge.app..")
          .check(classes);
    }
  }

  @Test
  void theChassisNeverUsesTheSandboxesTestkitOrTools() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.ledgerbridge.core..",
            "io.ledgerbridge.ports..",
            "io.ledgerbridge.adapter..",
            "io.ledgerbridge.app..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.ledgerbridge.sandbox..", "io.ledgerbridge.testkit..", "io.ledgerbridge.bench..")
        .check(classes);
  }

  @Test
  void theSandboxesImportNothingFromTheChassis() {
    noClasses()
        .that()
        .resideInAPackage("io.ledgerbridge.sandbox..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.ledgerbridge..")
                .and(not(resideInAPackage("io.ledgerbridge.sandbox.."))))
        .check(classes);
  }

  @Test
  void theTestkitBuildsOnCoreAndPortsOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.ledgerbridge.testkit..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.ledgerbridge.adapter..",
            "io.ledgerbridge.app..",
            "io.ledgerbridge.sandbox..",
            "io.ledgerbridge.bench..")
        .check(classes);
  }

  @Test
  void onlyPersistenceTouchesJdbi() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.ledgerbridge.adapter.persistence..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.jdbi..")
        .check(classes);
  }

  @Test
  void onlyTheRedisAdapterTouchesJedis() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.ledgerbridge.adapter.redis..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("redis.clients..")
        .check(classes);
  }

  @Test
  void coreNeverReadsTheClockOrRandomIdsOrBuildsMoneyFromDoubles() {
    noClasses()
        .that()
        .resideInAPackage("io.ledgerbridge.core..")
        .should()
        .callMethod(java.time.Instant.class, "now")
        .orShould()
        .callMethod(System.class, "currentTimeMillis")
        .orShould()
        .callMethod(java.util.UUID.class, "randomUUID")
        .orShould()
        .callConstructor(java.math.BigDecimal.class, double.class)
        .orShould()
        .callMethod(java.time.LocalDate.class, "now")
        .check(classes);
  }
}
