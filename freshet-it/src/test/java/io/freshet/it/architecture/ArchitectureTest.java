package io.freshet.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The layering the code is built on, checked on the compiled production classes of every module: a
 * plain-Java core, pipelines that know nothing of the platform, a platform that names no pipeline,
 * benchmarks outside the product, and no package cycles anywhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchitectureTest {
  private JavaClasses production;

  @BeforeAll
  void importClasses() {
    production =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.freshet");
  }

  @Test
  void theCoreUsesNeitherFlinkNorKafka() {
    noClasses()
        .that()
        .resideInAPackage("io.freshet.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.flink..", "org.apache.kafka..")
        .because("the domain core is plain Java, unit-tested without an engine")
        .check(production);
  }

  @Test
  void theCoreDependsOnNoOtherFreshetLayer() {
    noClasses()
        .that()
        .resideInAPackage("io.freshet.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.freshet.pipelines..",
            "io.freshet.serving..",
            "io.freshet.runtime..",
            "io.freshet.cli..",
            "io.freshet.bench..")
        .check(production);
  }

  @Test
  void pipelinesDoNotUseThePlatform() {
    noClasses()
        .that()
        .resideInAPackage("io.freshet.pipelines..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.freshet.runtime..", "io.freshet.cli..", "io.freshet.bench..")
        .because("a pipeline is wired from a PipelineContext, never from the platform")
        .check(production);
  }

  @Test
  void thePlatformNamesNoPipeline() {
    noClasses()
        .that()
        .resideInAnyPackage("io.freshet.runtime..", "io.freshet.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.freshet.pipelines.fraud..",
            "io.freshet.pipelines.iot..",
            "io.freshet.pipelines.clickstream..")
        .because("the platform iterates over the registered FreshetPipelines")
        .check(production);
  }

  @Test
  void theRuntimeAndTheCliDoNotUseTheBench() {
    noClasses()
        .that()
        .resideInAnyPackage("io.freshet.runtime..", "io.freshet.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.freshet.bench..")
        .because("the bench is a plug-in command, not part of the product")
        .check(production);
  }

  @Test
  void noPackageCycles() {
    slices().matching("io.freshet.(**)").should().beFreeOfCycles().check(production);
  }
}
