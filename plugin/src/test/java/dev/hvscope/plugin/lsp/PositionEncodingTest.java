package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.CodeLensParams;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Columns on lines with non-ASCII text: config positions count code points, LSP positions count
 * UTF-16 units unless the client asked for UTF-8 or UTF-32. Every line here has é (2 UTF-8 bytes,
 * 1 unit), → (3 bytes, 1 unit) or 😀 (4 bytes, 2 UTF-16 units, 1 code point) before the place
 * that matters.
 */
class PositionEncodingTest {
    static final String EMOJI = "\ud83d\ude00";
    @TempDir
    Path dir;

    // ---- the conversion itself ----

    @Test
    void utf16_countsSurrogatePairsAsTwoUnits() {
        String line = "a" + EMOJI + "é→b";
        assertEquals(line.indexOf('b'), PositionEncoding.UTF16.units(line, line.indexOf('b')));
        assertEquals(line.indexOf('b'), PositionEncoding.UTF16.index(line, 5));
        // the middle of the pair moves to the pair's start
        assertEquals(1, PositionEncoding.UTF16.index(line, 2));
    }

    @Test
    void utf8_andUtf32_countBytesAndCodePoints() {
        String line = "a" + EMOJI + "é→b";
        int b = line.indexOf('b');
        assertEquals(1 + 4 + 2 + 3, PositionEncoding.UTF8.units(line, b));
        assertEquals(4, PositionEncoding.UTF32.units(line, b));
        assertEquals(b, PositionEncoding.UTF8.index(line, 10));
        assertEquals(b, PositionEncoding.UTF32.index(line, 4));
        assertEquals(1, PositionEncoding.UTF8.index(line, 3), "inside the emoji's bytes: its start");
        assertEquals(line.length(), PositionEncoding.UTF8.index(line, 99), "past the end: the end");
    }

    // ---- through a client ----

    private String uri(String name) {
        return LspTestClient.uriIn(dir, name);
    }

    private static Range onLine(int line, int start, int end) {
        return new Range(new Position(line, start), new Position(line, end));
    }

    @Test
    void defaultIsUtf16_diagnosticRangesCountUnits() {
        String line = "name = \"" + EMOJI + "é→\" = 3";
        try (LspTestClient c = new LspTestClient()) {
            assertEquals("utf-16", c.positionEncoding);
            List<Diagnostic> ds = c.open(uri("syntax.vm.toml"), "# café → " + EMOJI + "\n[base]\n" + line + "\n");
            Diagnostic d = ds.stream().filter(x -> "toml-syntax".equals(x.getCode().getLeft())).findFirst().orElseThrow();
            int eq = line.lastIndexOf('=');
            assertEquals(onLine(2, eq, eq + 1), d.getRange());
        }
    }

    private static final String DEVICES = "[devices]\npassthrough_devices = [[\"" + EMOJI + EMOJI + EMOJI
            + "é→\", \"x\", 0x1000_0000, 0x1000, 1], [\"uart\", 0x1000_0000, 0x9000_0000, 0x1000, 10]]\n";

    @Test
    void utf8_whenTheClientAsks_diagnosticAndHoverPositionsCountBytes() {
        String line = DEVICES.lines().toList().get(1);
        try (LspTestClient c = new LspTestClient(List.of("utf-8", "utf-16"))) {
            assertEquals("utf-8", c.positionEncoding);
            String uri = uri("bytes.vm.toml");
            List<Diagnostic> ds = c.open(uri, DEVICES);
            Diagnostic d = ds.stream().filter(x -> "wrong-type".equals(x.getCode().getLeft())).findFirst().orElseThrow();
            int x = line.indexOf("\"x\"");
            int bytes = PositionEncoding.UTF8.units(line, x);
            assertEquals(x + 3 * 2 + 1 + 2, bytes, "3 emoji: 4 bytes for 2 units; é 2 bytes; → 3 bytes");
            assertEquals(onLine(1, bytes, bytes + 3), d.getRange());
            // the second device, hovered at its name in bytes
            int uart = PositionEncoding.UTF8.units(line, line.indexOf("\"uart\""));
            Hover h = LspTestClient.get(c.server.getTextDocumentService().hover(
                    new HoverParams(LspTestClient.doc(uri), new Position(1, uart))));
            assertNotNull(h);
            assertTrue(h.getContents().getRight().getValue().contains("map_linear 0x1000_0000 → 0x9000_0000"));
        }
    }

    @Test
    void utf32_whenTheClientAsks() {
        try (LspTestClient c = new LspTestClient(List.of("utf-32"))) {
            assertEquals("utf-32", c.positionEncoding);
            String line = "name = \"" + EMOJI + "\" = 3";
            Diagnostic d = c.open(uri("cp.vm.toml"), "[base]\n" + line + "\n").get(0);
            int eq = line.codePointCount(0, line.lastIndexOf('='));
            assertEquals(onLine(1, eq, eq + 1), d.getRange());
        }
    }

    @Test
    void hoverAfterSurrogatePairs_findsTheItemUnderTheUtf16Cursor() {
        try (LspTestClient c = new LspTestClient()) {
            String uri = uri("hover.vm.toml");
            String text = DEVICES.replace("\"x\", 0x1000_0000, 0x1000, 1]", "0x2000_0000, 0x2000_0000, 0x1000, 1]");
            c.open(uri, text);
            String line = text.lines().toList().get(1);
            // the first device's closing bracket: read as code points it would be three columns on, past the comma
            int close = line.indexOf("1]") + 1;
            Hover h = LspTestClient.get(c.server.getTextDocumentService().hover(
                    new HoverParams(LspTestClient.doc(uri), new Position(1, close))));
            assertNotNull(h, "no hover at the first device's ']'");
            assertTrue(h.getContents().getRight().getValue().contains("**" + EMOJI + EMOJI + EMOJI + "é→**"),
                    h.getContents().getRight().getValue());
            assertEquals(onLine(1, line.indexOf("[[") + 1, close + 1), h.getRange());
        }
    }

    @Test
    void completionAfterSurrogatePairs_readsTheTextBeforeTheUtf16Cursor() {
        try (LspTestClient c = new LspTestClient()) {
            LspTestClient.Cursor at = LspTestClient.Cursor.of("[devices]\npassthrough_devices = [[\"" + EMOJI + EMOJI + EMOJI
                    + "\", 0x1000, 0x1000, 0x1000, 1], [|]]\n");
            String uri = uri("complete.vm.toml");
            c.open(uri, at.text());
            List<CompletionItem> items = LspTestClient.get(c.server.getTextDocumentService().completion(
                    new CompletionParams(LspTestClient.doc(uri), at.position()))).getRight().getItems();
            assertTrue(items.stream().anyMatch(i -> i.getInsertText().equals("\"uart\"")), items.toString());
        }
    }

    @Test
    void lensEditAfterAnEmoji_rewritesExactlyTheModeValue() {
        try (LspTestClient c = new LspTestClient()) {
            String text = "[devices]\npflash = { board_image = \"" + EMOJI + "é→.img\", gpa = 0x2200_0000, mode = \"emulate\" }\n";
            String uri = uri("lens.vm.toml");
            c.open(uri, text);
            List<? extends CodeLens> lenses = LspTestClient.get(c.server.getTextDocumentService()
                    .codeLens(new CodeLensParams(LspTestClient.doc(uri))));
            assertEquals(1, lenses.size());
            assertEquals("passthrough", PassthroughCodeLensTest.run(c, lenses.get(0)).get("mode"));
            assertEquals(text.replace("mode = \"emulate\"", "mode = \"passthrough\""), c.texts.get(uri));
        }
    }
}
