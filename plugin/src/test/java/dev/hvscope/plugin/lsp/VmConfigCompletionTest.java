package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.CompletionItem;
import org.eclipse.lsp4j.CompletionParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmConfigCompletionTest {
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

    private static List<CompletionItem> complete(String marked) {
        LspTestClient.Cursor c = LspTestClient.Cursor.of(marked);
        String uri = LspTestClient.uriIn(dir, "c" + System.nanoTime() + ".vm.toml");
        client.open(uri, c.text());
        return LspTestClient.get(client.server.getTextDocumentService().completion(
                new CompletionParams(LspTestClient.doc(uri), c.position()))).getRight().getItems();
    }

    private static List<String> labels(String marked) {
        return complete(marked).stream().map(CompletionItem::getLabel).toList();
    }

    @Test
    void keysOfTheCurrentTable_omitThoseWritten() {
        List<String> l = labels("[base]\nid = 1\n|\n[kernel]\n");
        assertTrue(l.containsAll(List.of("name", "cpu_num", "vm_type")), l.toString());
        assertFalse(l.contains("id"));
        assertFalse(l.contains("entry_point"));
    }

    @Test
    void keyInsertsAnExampleValue() {
        CompletionItem item = complete("[kernel]\nent|").stream()
                .filter(i -> i.getLabel().equals("entry_point")).findFirst().orElseThrow();
        assertEquals("entry_point = 0x8020_0000", item.getInsertText());
    }

    @Test
    void afterBracket_offersTables() {
        assertEquals(List.of("base", "kernel", "devices", "devices.pflash"), labels("[base]\nid = 1\n[|"));
    }

    @Test
    void pflashMode_offersBothModes() {
        List<CompletionItem> items = complete("[devices.pflash]\ngpa = 0x2200_0000\nmode = |");
        assertEquals(List.of("passthrough", "emulate"), items.stream().map(CompletionItem::getLabel).toList());
        assertEquals("\"emulate\"", items.get(1).getInsertText());
    }

    @Test
    void emuDevices_offersDeviceEntries() {
        List<CompletionItem> items = complete("[devices]\nemu_devices = [\n  |\n]\n");
        CompletionItem pflash = items.stream().filter(i -> i.getLabel().equals("pflash")).findFirst().orElseThrow();
        assertEquals("[\"pflash\", 0x2200_0000, 0x200_0000, 0, 0, []],", pflash.getInsertText());
        CompletionItem uart = items.stream().filter(i -> i.getLabel().equals("uart")).findFirst().orElseThrow();
        assertEquals("[\"uart\", 0x1000_0000, 0x1000, 10, 2, []],", uart.getInsertText(), "Console: the UART model");
    }

    @Test
    void emuTypeSlot_offersDummyAndConsole() {
        List<CompletionItem> items = complete("[devices]\nemu_devices = [[\"uart\", 0x1000_0000, 0x1000, 10, |]]\n");
        assertEquals(List.of("0", "2"), items.stream().map(CompletionItem::getLabel).toList());
    }

    @Test
    void deviceNameSlot_offersQuotedNames() {
        List<CompletionItem> items = complete("[devices]\npassthrough_devices = [[|]]\n");
        assertTrue(items.stream().anyMatch(i -> i.getInsertText().equals("\"uart\"")), items.toString());
    }

    @Test
    void regionFlagsSlot_offersMappingFlags() {
        List<String> l = labels("[kernel]\nmemory_regions = [\n  [0x8000_0000, 0x100_0000, |\n]\n");
        assertTrue(l.containsAll(List.of("0xf", "0x7", "0x1")), l.toString());
    }

    @Test
    void regionMapTypeSlot_offersAllocAndIdentical() {
        assertEquals(List.of("0", "1"), labels("[kernel]\nmemory_regions = [[0x8000_0000, 0x100_0000, 0xf, |]]\n"));
    }
}
