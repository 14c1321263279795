package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Emacs 28 with eglot (Debian's emacs-nox, elpa-eglot), batch mode, as a second real client: a
 * broken config's diagnostics, a hover, and the pflash toggle's workspace edit applied by eglot.
 */
class EmacsEglotClientTest {
    @TempDir
    Path dir;

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void eglot_getsDiagnosticsHoverAndAppliesThePflashToggle() throws Exception {
        Assumptions.assumeTrue(onPath("emacs"), "emacs not installed");
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/usr/share/emacs/site-lisp/elpa")), "no elpa-eglot");
        Path examples = LspTestClient.samplePath().getParent().resolveSibling("examples");
        String broken = LspTestClient.sample()
                .replace("../examples/", examples + "/")
                .replace("size = 0x200_0000\nmode", "size = 0x400_0000\nmode");
        Path config = dir.resolve("vm.toml");
        Files.writeString(config, broken);
        List<String> lines = broken.lines().toList();
        int regionLine = lines.indexOf("  [0x8000_0000, 0x100_0000, 0xf, 0], # 16 MiB of guest RAM");
        int gpaLine = lines.indexOf("gpa = 0x2200_0000");
        Path out = dir.resolve("out.json");
        Path script = dir.resolve("eglot-check.el");
        try (var in = EmacsEglotClientTest.class.getResourceAsStream("/emacs/eglot-check.el")) {
            Files.copy(in, script);
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder("emacs", "--batch", "-l", script.toString())
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("emacs.log").toFile());
        pb.environment().put("HVSCOPE_LSP_CMD", String.join("\t", java, "-cp",
                System.getProperty("java.class.path"), LanguageServerLauncher.class.getName()));
        pb.environment().put("HVSCOPE_FILE", config.toString());
        pb.environment().put("HVSCOPE_OUT", out.toString());
        pb.environment().put("HVSCOPE_HOVER", regionLine + ",5");
        Process emacs = pb.start();
        boolean ended = emacs.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            emacs.destroyForcibly();
        }
        assertTrue(ended, "emacs hung");
        assertTrue(Files.exists(out), () -> "no output; emacs log: " + read(dir.resolve("emacs.log")));
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();

        JsonArray diagnostics = o.getAsJsonArray("diagnostics");
        assertEquals(1, diagnostics.size(), diagnostics::toString);
        JsonObject d = diagnostics.get(0).getAsJsonObject();
        assertEquals("pflash-window", d.get("code").getAsString());
        assertEquals(gpaLine, d.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());
        assertTrue(o.get("hover").getAsString().contains("4 KiB | 4096 |"), o.get("hover")::toString);
        assertEquals("emulate", o.getAsJsonObject("toggled").get("mode").getAsString(), o.get("toggled")::toString);
        assertEquals(false, o.getAsJsonObject("toggled").get("liveVmSwitched").getAsBoolean());
        String text = o.get("text").getAsString();
        assertEquals(broken.replace("mode = \"passthrough\"", "mode = \"emulate\""), text);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(none)";
        }
    }
}
