package dev.hvscope.plugin.lsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VmConfigDiagnosticsTest {
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

    private static List<Diagnostic> diagnose(String text) {
        return client.open(LspTestClient.uriIn(dir, "t" + System.nanoTime() + ".vm.toml"), text);
    }

    private static Diagnostic only(List<Diagnostic> ds, String code) {
        List<Diagnostic> hits = ds.stream().filter(d -> code.equals(d.getCode().getLeft())).collect(Collectors.toList());
        assertEquals(1, hits.size(), () -> "want one " + code + " in " + ds);
        return hits.get(0);
    }

    private static Range range(int l1, int c1, int l2, int c2) {
        return new Range(new Position(l1, c1), new Position(l2, c2));
    }

    @Test
    void sampleConfig_hasNoDiagnostics() {
        List<Diagnostic> ds = client.open(LspTestClient.samplePath().toUri().toString(), LspTestClient.sample());
        assertEquals(List.of(), ds);
    }

    @Test
    void tomlSyntaxError_marksTheOffendingToken() {
        Diagnostic d = only(diagnose("[base]\nid = = 3\n"), "toml-syntax");
        assertEquals(range(1, 5, 1, 6), d.getRange());
        assertEquals(DiagnosticSeverity.Error, d.getSeverity());
        assertTrue(d.getMessage().contains("Unexpected '='"), d.getMessage());
    }

    @Test
    void unterminatedHeader_marksTheLineEnd() {
        Diagnostic d = diagnose("[kernel\nentry_point = 1\n").get(0);
        assertEquals("toml-syntax", d.getCode().getLeft());
        assertEquals(range(0, 6, 0, 7), d.getRange());
    }

    @Test
    void unknownTableAndKey_areWarningsOnTheirNames() {
        List<Diagnostic> ds = diagnose(HEAD + "memory_regions = []\ncolour = 3\n[extras]\nx = 1\n");
        Diagnostic key = only(ds, "unknown-key");
        assertEquals(range(10, 0, 10, 6), key.getRange());
        assertEquals(DiagnosticSeverity.Warning, key.getSeverity());
        Diagnostic table = only(ds, "unknown-table");
        assertEquals(11, table.getRange().getStart().getLine());
    }

    @Test
    void wrongType_marksTheValue() {
        Diagnostic d = only(diagnose(HEAD.replace("cpu_num = 1", "cpu_num = \"one\"") + "memory_regions = []\n"),
                "wrong-type");
        assertEquals(range(3, 10, 3, 15), d.getRange());
        assertTrue(d.getMessage().contains("must be an integer, not a string"), d.getMessage());
    }

    @Test
    void overlappingRegions_markTheSecond() {
        String text = HEAD + """
                memory_regions = [
                  [0x8000_0000, 0x100_0000, 0xf, 0],
                  [0x80f0_0000, 0x10_0000, 0xf, 0],
                ]
                """;
        Diagnostic d = only(diagnose(text), "region-overlap");
        assertEquals(range(11, 2, 11, 34), d.getRange());
        assertEquals("memory region 0x80f00000..0x81000000 overlaps memory region 0x80000000..0x81000000 (line 11)",
                d.getMessage());
    }

    @Test
    void misalignedRegion_isAnError() {
        Diagnostic d = only(diagnose(HEAD + "memory_regions = [[0x8000_0800, 0x1000, 0xf, 0]]\n"), "region-misaligned");
        assertEquals(range(9, 18, 9, 47), d.getRange());
    }

    @Test
    void regionBeyond41Bits_isAnError() {
        Diagnostic d = only(diagnose(HEAD + "memory_regions = [[0x1ff_ffff_f000, 0x2000, 0xf, 0]]\n"), "gpa-range");
        assertTrue(d.getMessage().contains("41-bit"), d.getMessage());
    }

    @Test
    void regionWithoutUser_warnsThatGuestAccessesFault() {
        Diagnostic d = only(diagnose(HEAD + "memory_regions = [[0x8000_0000, 0x1000, 0x7, 0]]\n"), "flags-no-user");
        assertEquals(DiagnosticSeverity.Warning, d.getSeverity());
    }

    @Test
    void missingKernelImage_isReportedOnThePath() {
        String text = HEAD.replace("image_location = \"memory\"", "kernel_path = \"nowhere.elf\"")
                + "memory_regions = [[0x8000_0000, 0x100_0000, 0xf, 0]]\n";
        Diagnostic d = only(diagnose(text), "missing-file");
        assertEquals(range(8, 14, 8, 27), d.getRange());
        assertTrue(d.getMessage().contains("nowhere.elf"), d.getMessage());
    }

    @Test
    void pflashOutsideTheBoardWindow_isAnError() {
        String text = HEAD + "memory_regions = [[0x8000_0000, 0x100_0000, 0xf, 0]]\n"
                + "[devices.pflash]\ngpa = 0x2300_0000\nsize = 0x200_0000\nmode = \"emulate\"\n";
        Diagnostic d = only(diagnose(text), "pflash-window");
        assertEquals(range(11, 6, 11, 17), d.getRange());
    }

    @Test
    void pflashDeviceInEmuDevices_isCheckedAgainstTheWindow() {
        String text = HEAD + "memory_regions = []\n[devices]\nemu_devices = [[\"pflash\", 0x1000_0000, 0x1000, 0, 0, []]]\n";
        only(diagnose(text), "pflash-window");
    }

    @Test
    void missingRequiredKey_pointsAtTheHeader() {
        Diagnostic d = only(diagnose("[base]\nid = 1\nname = \"x\"\n[kernel]\nentry_point = 0\nkernel_load_addr = 0\n"
                + "image_location = \"memory\"\nmemory_regions = []\n"), "missing-key");
        assertEquals(range(0, 0, 0, 6), d.getRange());
        assertTrue(d.getMessage().contains("cpu_num"));
    }

    @Test
    void checksOfTheVmCommand_reachTheEditorWithTheSameWords() throws Exception {
        String text = HEAD.replace("cpu_num = 1", "cpu_num = 2")
                + "memory_regions = [[0x8000_0000, 0x100_0000, 0xf, 0]]\n"
                + "[devices]\npassthrough_devices = [[\"uart\", 0x1000_0000, 0x9000_0800, 0x1000, 10]]\n";
        Path file = dir.resolve("same.vm.toml");
        java.nio.file.Files.writeString(file, text);
        List<Diagnostic> ds = client.open(file.toUri().toString(), text);
        assertEquals(range(3, 10, 3, 11), only(ds, "cpu-count").getRange());
        only(ds, "hpa-misaligned");
        // what `hvscope vm` prints for the file, message for message
        dev.hvscope.plugin.vmconfig.VmConfigParser.Result r = dev.hvscope.plugin.vmconfig.VmConfigParser.parse(file);
        List<String> vm = new java.util.ArrayList<>();
        r.diagnostics().forEach(d -> vm.add(d.message()));
        dev.hvscope.plugin.vmconfig.VmConfigChecks.check(r.config()).forEach(d -> vm.add(d.message()));
        assertEquals(vm, ds.stream().map(Diagnostic::getMessage).toList());
    }
}
