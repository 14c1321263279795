package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
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
 * Neovim, headless, as a real client (Debian's neovim 0.7): it opens a broken VM config, receives
 * diagnostics, hovers a region, runs the pflash code lens and applies the server's edit.
 */
class NeovimClientTest {
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
    void neovim_getsDiagnosticsHoverAndAppliesThePflashToggle() throws Exception {
        Assumptions.assumeTrue(onPath("nvim"), "nvim not installed");
        Path examples = LspTestClient.samplePath().getParent().resolveSibling("examples");
        String broken = LspTestClient.sample()
                .replace("../examples/", examples + "/")
                .replace("  [0x8000_0000, 0x100_0000, 0xf, 0], # 16 MiB of guest RAM",
                        "  [0x8000_0000, 0x100_0000, 0xf, 0], # 16 MiB of guest RAM\n  [0x80ff_f000, 0x2000, 0xf, 0],");
        Path config = dir.resolve("vm.toml");
        Files.writeString(config, broken);
        List<String> lines = broken.lines().toList();
        int regionLine = lines.indexOf("  [0x8000_0000, 0x100_0000, 0xf, 0], # 16 MiB of guest RAM");
        Path out = dir.resolve("out.json");
        Path script = dir.resolve("lsp-check.lua");
        try (var in = NeovimClientTest.class.getResourceAsStream("/nvim/lsp-check.lua")) {
            Files.copy(in, script);
        }
        ProcessBuilder pb = nvim(script, config, out);
        pb.environment().put("HVSCOPE_HOVER", regionLine + ",5");
        Process nvim = pb.start();
        boolean ended = nvim.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            nvim.destroyForcibly();
        }
        assertTrue(ended, "nvim hung");
        assertTrue(Files.exists(out), () -> "no output; nvim log: " + read(dir.resolve("nvim.log")));
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();

        JsonArray diagnostics = o.getAsJsonArray("diagnostics");
        assertEquals(1, diagnostics.size(), diagnostics::toString);
        JsonObject d = diagnostics.get(0).getAsJsonObject();
        assertEquals("region-overlap", d.get("code").getAsString());
        assertEquals(regionLine + 1, d.getAsJsonObject("range").getAsJsonObject("start").get("line").getAsInt());

        assertTrue(o.get("hover").getAsString().contains("| 0x8000_0000..0x8100_0000 | allocated frames | 4 KiB | 4096 |"),
                o.get("hover")::toString);
        assertEquals("emulate", o.getAsJsonObject("toggled").get("mode").getAsString(), o.get("toggled")::toString);
        assertEquals(false, o.getAsJsonObject("toggled").get("liveVmSwitched").getAsBoolean());
        List<String> after = o.getAsJsonArray("lines").asList().stream().map(JsonElement::getAsString).toList();
        assertTrue(after.contains("mode = \"emulate\""), after::toString);
        assertTrue(!after.contains("mode = \"passthrough\""));
    }

    @Test
    void shippedSetupModule_attachesToVmTomlFiles() throws Exception {
        Assumptions.assumeTrue(onPath("nvim"), "nvim not installed");
        Path config = dir.resolve("broken.vm.toml");
        Files.writeString(config, "[base]\nid = = 1\n");
        Path out = dir.resolve("setup.json");
        Path script = dir.resolve("setup-check.lua");
        try (var in = NeovimClientTest.class.getResourceAsStream("/nvim/setup-check.lua")) {
            Files.copy(in, script);
        }
        ProcessBuilder pb = nvim(script, config, out);
        pb.environment().put("HVSCOPE_IDE", LspTestClient.samplePath().getParent().toString());
        Process nvim = pb.start();
        boolean ended = nvim.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            nvim.destroyForcibly();
        }
        assertTrue(ended, "nvim hung");
        assertTrue(Files.exists(out), () -> "no output; nvim log: " + read(dir.resolve("nvim.log")));
        JsonObject o = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        assertEquals("hvscope-vm", o.get("filetype").getAsString());
        JsonArray ds = o.getAsJsonArray("diagnostics");
        assertEquals(1, ds.size(), ds::toString);
        assertEquals(1, ds.get(0).getAsJsonObject().get("lnum").getAsInt());
        assertEquals(5, ds.get(0).getAsJsonObject().get("col").getAsInt());
    }

    private ProcessBuilder nvim(Path script, Path config, Path out) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String serverCmd = String.join("\t", java, "-cp", System.getProperty("java.class.path"),
                LanguageServerLauncher.class.getName());
        ProcessBuilder pb = new ProcessBuilder("nvim", "--headless", "--clean", "-n", "-u", "NONE",
                "-c", "luafile " + script)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("nvim.log").toFile());
        pb.environment().put("HVSCOPE_LSP_CMD", serverCmd);
        pb.environment().put("HVSCOPE_FILE", config.toString());
        pb.environment().put("HVSCOPE_OUT", out.toString());
        return pb;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (Exception e) {
            return "(none)";
        }
    }
}
