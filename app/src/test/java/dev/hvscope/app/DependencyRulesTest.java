package dev.hvscope.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.hvscope.core.machine.ElfImage;
import dev.hvscope.core.machine.ElfLoader;
import dev.hvscope.core.machine.SymbolLocation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of ARCHITECTURE.md, checked on the production classes of every module. The
 * violations the code has today (issue 14) are listed by name, each with why it is still there, so
 * that any new one fails.
 */
class DependencyRulesTest {
    static JavaClasses classes;

    @BeforeAll
    static void importProductionClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hvscope");
    }

    @Test
    void modules_dependOneWay_appPluginGdbstubCore() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("app").definedBy("dev.hvscope.app..")
                .layer("plugin").definedBy("dev.hvscope.plugin..")
                .layer("gdbstub").definedBy("dev.hvscope.gdb..")
                .layer("core").definedBy("dev.hvscope.core..")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .whereLayer("plugin").mayOnlyBeAccessedByLayers("app")
                .whereLayer("gdbstub").mayOnlyBeAccessedByLayers("plugin", "app")
                .check(classes);
    }

    @Test
    void core_importsNoNetworkJsonOrCommandLineLibrary() {
        noClasses().that().resideInAPackage("dev.hvscope.core..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty..", "org.eclipse.lsp4j..",
                        "com.google.gson..", "picocli..", "org.tomlj..")
                .check(classes);
    }

    @Test
    void mmu_knowsNothingOfTheHart() {
        noClasses().that().resideInAPackage("dev.hvscope.core.mmu..")
                .should().dependOnClassesThat().resideInAPackage("dev.hvscope.core.hart..")
                .check(classes);
    }

    @Test
    void hart_knowsNothingOfTheDebuggeeApi() {
        noClasses().that().resideInAPackage("dev.hvscope.core.hart..")
                .should().dependOnClassesThat().resideInAPackage("dev.hvscope.core.debug..")
                .check(classes);
    }

    @Test
    void plugin_reachesEmulatorsOnlyOverTheProtocol() {
        noClasses().that().resideInAPackage("dev.hvscope.plugin..")
                .and().doNotHaveFullyQualifiedName(KNOWN_BENCHMARK_IN_PRODUCTION_CODE)
                .should().dependOnClassesThat(resideInAnyPackage("dev.hvscope.core.machine..",
                        "dev.hvscope.core.hart..", "dev.hvscope.core.device..").and(not(isElfReading())))
                .check(classes);
    }

    @Test
    void packages_formNoCycles() {
        slices().matching("dev.hvscope.(**)").should().beFreeOfCycles()
                // Known: CompiledBlock.run takes the Hart, and the executor makes and runs blocks.
                .ignoreDependency(resideInAPackage("dev.hvscope.core.hart.jit"), resideInAPackage("dev.hvscope.core.hart"))
                // Known: monitor commands are handed the stub's Session, which owns them.
                .ignoreDependency(resideInAPackage("dev.hvscope.gdb.monitor"), resideInAPackage("dev.hvscope.gdb.command"))
                .check(classes);
    }

    /**
     * Known (issue 14: benchmarks live outside production code): the debug adapter's G-stage
     * benchmark boots a machine and a stub in-process.
     */
    private static final String KNOWN_BENCHMARK_IN_PRODUCTION_CODE = "dev.hvscope.plugin.dap.GStageScopeBench";

    /**
     * Known (issue 14: one ELF/symbol module shared by the emulator, the stub and the plugin): the
     * adapter and the DWARF reader read ELF files and symbols with the emulator's loader classes.
     */
    private static DescribedPredicate<JavaClass> isElfReading() {
        return JavaClass.Predicates.belongToAnyOf(ElfImage.class, ElfLoader.class, SymbolLocation.class);
    }
}
