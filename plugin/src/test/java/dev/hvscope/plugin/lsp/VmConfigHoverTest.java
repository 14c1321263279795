package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.lsp4j.Hover;
import org.eclipse.lsp4j.HoverParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmConfigHoverTest {
    static LspTestClient client;
    @TempDir
    static Path dir;

    static final String HEAD = """
            [base]
            id = 1
            name = "g"
            cpu_num = 1
            [kernel]
            entry_point = 0x8020_0000
            kernel_load_addr = 0x8020_0000
            image_location = "memory"
            """;

    @BeforeAll
    static void start() {
        client = new LspTestClient();
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    private static String hover(String marked) {
        LspTestClient.Cursor c = LspTestClient.Cursor.of(marked);
        String uri = LspTestClient.uriIn(dir, "h" + System.nanoTime() + ".vm.toml");
        client.open(uri, c.text());
        Hover h = LspTestClient.get(client.server.getTextDocumentService().hover(
                new HoverParams(LspTestClient.doc(uri), c.position())));
        return h == null ? null : h.getContents().getRight().getValue();
    }

    @Test
    void allocRegion_showsFourKibFramesAndTablePages() {
        String h = hover(HEAD + "memory_regions = [\n  [0x8000_|0000, 0x100_0000, 0xf, 0],\n]\n");
        // 16 MiB of 4 KiB frames: 4096 pages, 8 level-0 tables, 1 level-1 table, 4-page root
        assertTrue(h.contains("| 0x8000_0000..0x8100_0000 | allocated frames | 4 KiB | 4096 |"), h);
        assertTrue(h.contains("G-stage table pages: 13 (root 4 (16 KiB, Sv39x4), 1 level-1, 8 level-0)"), h);
        assertTrue(h.contains("leaf PTE 0xdf"), h);
    }

    @Test
    void identicalRegion_usesHugePagesWhereAligned() {
        // 0x3fe0_0000..0x8020_0000: 2 MiB, then 1 GiB, then 2 MiB: no level-0 table at all
        String h = hover(HEAD + "memory_regions = [[0x3fe0_0000, 0x4040_0000, 0xf, 1]|]\n");
        assertTrue(h.contains("| 0x3fe0_0000..0x4000_0000 | 0x3fe0_0000..0x4000_0000 | 2 MiB | 1 |"), h);
        assertTrue(h.contains("| 0x4000_0000..0x8000_0000 | 0x4000_0000..0x8000_0000 | 1 GiB | 1 |"), h);
        assertTrue(h.contains("| 0x8000_0000..0x8020_0000 | 0x8000_0000..0x8020_0000 | 2 MiB | 1 |"), h);
        assertTrue(h.contains("G-stage table pages: 6 (root 4 (16 KiB, Sv39x4), 2 level-1, 0 level-0)"), h);
    }

    @Test
    void passthroughDevice_showsGpaToHpa() {
        String h = hover(HEAD + "memory_regions = []\n[devices]\npassthrough_devices = [\n"
                + "  [\"ua|rt\", 0x1000_0000, 0x9000_0000, 0x1000, 10],\n]\n");
        assertTrue(h.contains("map_linear 0x1000_0000 → 0x9000_0000"), h);
        assertTrue(h.contains("| 0x1000_0000..0x1000_1000 | 0x9000_0000..0x9000_1000 | 4 KiB | 1 |"), h);
    }

    @Test
    void pflashTable_showsTheModesMapping() {
        String text = LspTestClient.sample().replace("mode = \"passthrough\"", "mode = \"passthrough\"|");
        String h = hover(text);
        assertTrue(h.contains("mode passthrough"), h);
        // GPA = HPA 0x2200_0000, 32 MiB: 16 × 2 MiB pages
        assertTrue(h.contains("| 0x2200_0000..0x2400_0000 | 0x2200_0000..0x2400_0000 | 2 MiB | 16 |"), h);
    }

    @Test
    void emulatedDevice_saysItIsNotMapped() {
        String h = hover(HEAD + "memory_regions = []\n[devices]\nemu_devices = [[\"pfl|ash\", 0x2200_0000, 0x1000, 0, 0, []]]\n");
        assertTrue(h.contains("No G-stage mapping"), h);
        assertTrue(h.contains("no model (emu_type 0, Dummy)"), h);
    }

    @Test
    void emulatedConsole_saysTheUartModelAnswersIt() {
        String h = hover(HEAD + "memory_regions = []\n[devices]\nemu_devices = [[\"uar|t0\", 0x1000_0000, 0x1000, 10, 2, []]]\n");
        assertTrue(h.contains("emulated NS16550A UART"), h);
    }

    @Test
    void hoverOutsideAnyRegion_isEmpty() {
        assertNull(hover("[ba|se]\nid = 1\n"));
    }

    @Test
    void customMappingsRequest_listsEveryRegionAndDevice() {
        String uri = LspTestClient.samplePath().toUri().toString();
        client.open(uri, LspTestClient.sample());
        List<HvscopeProtocol.Mapping> m = LspTestClient.get(client.server.mappings(LspTestClient.doc(uri)));
        assertEquals(List.of("memory region 0", "pflash"), m.stream().map(x -> x.name).toList());
        assertTrue(m.get(0).mappings.contains("4096"));
    }
}
