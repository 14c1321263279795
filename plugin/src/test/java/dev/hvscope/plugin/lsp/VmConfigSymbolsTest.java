package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.eclipse.lsp4j.DocumentSymbol;
import org.eclipse.lsp4j.DocumentSymbolParams;
import org.eclipse.lsp4j.FoldingRange;
import org.eclipse.lsp4j.FoldingRangeRequestParams;
import org.eclipse.lsp4j.SymbolKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class VmConfigSymbolsTest {
    static LspTestClient client;
    static String uri;

    @BeforeAll
    static void start() {
        client = new LspTestClient();
        uri = LspTestClient.samplePath().toUri().toString();
        client.open(uri, LspTestClient.sample().replace("passthrough_devices = []",
                "passthrough_devices = [\n  [\"uart\", 0x1000_0000, 0x1000_0000, 0x1000, 10],\n]"));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void symbols_areTablesHoldingRegionsAndDevices() {
        List<DocumentSymbol> tables = LspTestClient.get(client.server.getTextDocumentService()
                .documentSymbol(new DocumentSymbolParams(LspTestClient.doc(uri)))).stream().map(e -> e.getRight()).toList();
        assertEquals(List.of("base", "kernel", "devices", "devices.pflash"),
                tables.stream().map(DocumentSymbol::getName).toList());
        DocumentSymbol region = tables.get(1).getChildren().get(0);
        assertEquals("memory region 0", region.getName());
        assertEquals(SymbolKind.Array, region.getKind());
        assertEquals("0x8000_0000 16 MiB alloc", region.getDetail());
        assertEquals(List.of("uart"), tables.get(2).getChildren().stream().map(DocumentSymbol::getName).toList());
        assertEquals(List.of("pflash"), tables.get(3).getChildren().stream().map(DocumentSymbol::getName).toList());
    }

    @Test
    void folding_coversTablesAndMultiLineArrays() {
        List<FoldingRange> folds = LspTestClient.get(client.server.getTextDocumentService()
                .foldingRange(new FoldingRangeRequestParams(LspTestClient.doc(uri))));
        String text = LspTestClient.sample();
        List<String> lines = text.lines().toList();
        int kernel = lines.indexOf("[kernel]");
        int regions = lines.indexOf("memory_regions = [");
        assertTrue(folds.stream().anyMatch(f -> f.getStartLine() == kernel && f.getEndLine() == regions + 2), folds.toString());
        assertTrue(folds.stream().anyMatch(f -> f.getStartLine() == regions && f.getEndLine() == regions + 2), folds.toString());
    }
}
