package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The debug adapter driven by a DAP client others wrote: ide/dap-e2e/run.js, with
 * {@code @vscode/debugadapter-testsupport}'s DebugClient, against {@code hvscope dap} run from this
 * module's class path (the same code as the jar, without packaging it first). It covers the VS Code
 * extension's wiring (launch by vmConfig / program, the embedded demo), a hosted VM, full-system and
 * QEMU attach. Skips when node or the npm packages are missing ({@code npm ci} in ide/dap-e2e;
 * .ci/run does it, so CI never skips).
 */
class DapEndToEndTest {
    private static Path root() {
        return Path.of(System.getProperty("hvscope.examples", "../examples")).toAbsolutePath().normalize().getParent();
    }

    private static boolean onPath(String exe) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, exe))) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void debugClientSessions_allPass() throws IOException, InterruptedException {
        Path dir = root().resolve("ide/dap-e2e");
        Assumptions.assumeTrue(onPath("node"), "node is not installed");
        Assumptions.assumeTrue(Files.isDirectory(dir.resolve("node_modules/@vscode/debugadapter-testsupport")),
                "run npm ci in ide/dap-e2e");
        Assumptions.assumeTrue(onPath("qemu-system-riscv64"), "qemu-system-riscv64 is not installed");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process p = new ProcessBuilder(List.of("node", "run.js", "--java", java,
                "--classpath", System.getProperty("java.class.path")))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "run.js did not finish");
        String text = new String(out, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$").matcher(text);
        assertTrue(m.find(), text);
        System.out.println("ide/dap-e2e/run.js: " + m.group());
        assertEquals(0, Integer.parseInt(m.group(2)), text);
        assertTrue(Integer.parseInt(m.group(1)) >= 30, text);
        assertEquals(0, p.exitValue(), text);
    }
}
