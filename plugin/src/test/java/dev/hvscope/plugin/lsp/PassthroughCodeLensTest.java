package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.ExecuteCommandParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PassthroughCodeLensTest {
    static LspTestClient client;
    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        client = new LspTestClient();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static List<? extends CodeLens> lenses(String uri) {
        return LspTestClient.get(client.server.getTextDocumentService().codeLens(new CodeLensParams(LspTestClient.doc(uri))));
    }

    /** Runs the lens's command; answers the result's fields (mode, liveVmSwitched, liveVm). */
    static Map<?, ?> run(LspTestClient client, CodeLens lens) {
        Object r = LspTestClient.get(client.server.getWorkspaceService().executeCommand(
                new ExecuteCommandParams(lens.getCommand().getCommand(), lens.getCommand().getArguments())));
        assertTrue(r instanceof Map, () -> "not an object: " + r);
        return (Map<?, ?>) r;
    }

    private static Object run(CodeLens lens) {
        Map<?, ?> r = run(client, lens);
        assertEquals(false, r.get("liveVmSwitched"), r::toString);
        return r.get("mode");
    }

    @Test
    void lensOnPflashHeader_togglesModeBackAndForth() {
        String uri = LspTestClient.samplePath().toUri().toString();
        String text = LspTestClient.sample();
        client.open(uri, text);
        List<? extends CodeLens> lenses = lenses(uri);
        assertEquals(1, lenses.size());
        CodeLens lens = lenses.get(0);
        assertEquals(text.lines().toList().indexOf("[devices.pflash]"), lens.getRange().getStart().getLine());
        assertTrue(lens.getCommand().getTitle().startsWith("pflash: passthrough ⇄ emulate"));
        assertEquals("hvscope.pflash.toggle", lens.getCommand().getCommand());

        assertEquals("emulate", run(lens));
        String flipped = client.texts.get(uri);
        assertEquals(text.replace("mode = \"passthrough\"", "mode = \"emulate\""), flipped);

        client.change(uri, flipped);
        assertEquals("passthrough", run(lenses(uri).get(0)));
        assertEquals(text, client.texts.get(uri));
    }

    @Test
    void pflashWithoutMode_getsAnEmulateLine() {
        String uri = LspTestClient.uriIn(dir, "nomode.vm.toml");
        String text = "[devices.pflash]\ngpa = 0x2200_0000\n";
        client.open(uri, text);
        CodeLens lens = lenses(uri).get(0);
        assertTrue(lens.getCommand().getTitle().endsWith("(now passthrough)"), lens.getCommand().getTitle());
        assertEquals("emulate", run(lens));
        assertEquals("[devices.pflash]\nmode = \"emulate\"\ngpa = 0x2200_0000\n", client.texts.get(uri));
    }

    @Test
    void noPflash_noLens() {
        String uri = LspTestClient.uriIn(dir, "none.vm.toml");
        client.open(uri, "[base]\nid = 1\n");
        assertEquals(0, lenses(uri).size());
    }
}
