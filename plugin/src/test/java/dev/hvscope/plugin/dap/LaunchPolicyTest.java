package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which programs a launch may start: those allowed on the adapter's command line, by real path. */
class LaunchPolicyTest {
    @TempDir
    Path dir;

    private static final Path TRUE = LaunchPolicy.resolve("true", null);

    @Test
    void bareName_isLookedUpOnPath_andTheCheckedPathRuns() {
        LaunchPolicy policy = LaunchPolicy.allowing(List.of("true"));
        assertEquals(List.of(TRUE.toString(), "1234"), policy.vet(List.of("true", "1234"), null));
    }

    @Test
    void allowedProgram_reachedThroughALink_isAllowed() throws Exception {
        Path program = Files.copy(TRUE, dir.resolve("real-true"));
        Files.createSymbolicLink(dir.resolve("also-true"), program);
        LaunchPolicy policy = LaunchPolicy.allowing(List.of(program.toString()));
        assertEquals(List.of(program.toRealPath().toString()), policy.vet(List.of("./also-true"), dir));
    }

    @Test
    void programOfTheSameNameElsewhere_isRefusedNamingTheOption() throws Exception {
        Path impostor = Files.writeString(dir.resolve("true"), "#!/bin/sh\nid\n");
        Files.setPosixFilePermissions(impostor, PosixFilePermissions.fromString("rwxr-xr-x"));
        LaunchPolicy policy = LaunchPolicy.allowing(List.of("true"));
        ResponseErrorException e = assertThrows(ResponseErrorException.class, () -> policy.vet(List.of("./true"), dir));
        assertTrue(e.getMessage().contains("hvscope dap --allow-program " + impostor.toRealPath()), e.getMessage());
    }

    @Test
    void nothingAllowed_refusesEveryProgramButHvscopeItself() {
        ResponseErrorException e = assertThrows(ResponseErrorException.class,
                () -> LaunchPolicy.hvscopeOnly().vet(List.of("sh", "-c", "id"), null));
        assertTrue(e.getMessage().startsWith("this debug adapter starts only hvscope itself"), e.getMessage());
    }

    @Test
    void allowingAProgramThatIsNotThere_failsAtStart() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LaunchPolicy.allowing(List.of("/nonexistent/qemu")));
        assertEquals("--allow-program /nonexistent/qemu: no such executable file", e.getMessage());
    }
}
