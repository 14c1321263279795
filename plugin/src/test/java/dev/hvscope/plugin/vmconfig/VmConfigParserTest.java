package dev.hvscope.plugin.vmconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of config error comes back as file:line:col: message, pointing at the offending value. */
class VmConfigParserTest {
    @TempDir
    Path dir;
    private Path file;

    private static final String GOOD = String.join("\n",
            "[base]",                                         // 1
            "id = 1",                                         // 2
            "name = \"demo\"",                                // 3
            "cpu_num = 1",                                    // 4
            "[kernel]",                                       // 5
            "entry_point = 0x8020_0000",                      // 6
            "image_location = \"fs\"",                        // 7
            "kernel_path = \"guest.elf\"",                    // 8
            "kernel_load_addr = 0x8020_0000",                 // 9
            "memory_regions = [",                             // 10
            "  [0x8000_0000, 0x100_0000, 0xf, 0],",           // 11
            "]",                                              // 12
            "[devices]",                                      // 13
            "passthrough_devices = [[\"uart\", 0x1000_0000, 0x1000_0000, 0x1000, 1]]", // 14
            "emu_devices = []",                               // 15
            "[devices.pflash]",                               // 16
            "gpa = 0x2200_0000",                              // 17
            "size = 0x1000",                                  // 18
            "mode = \"emulate\"",                             // 19
            "emulate_image = \"flash.img\"",                  // 20
            "");

    @BeforeEach
    void files() throws IOException {
        file = dir.resolve("vm.toml");
        Files.write(dir.resolve("guest.elf"), new byte[16]);
        Files.write(dir.resolve("flash.img"), new byte[4096]);
    }

    /** Parses and checks; returns every diagnostic formatted. */
    private List<String> diagnose(String text) throws IOException {
        Files.writeString(file, text);
        VmConfigParser.Result r = VmConfigParser.parse(file);
        List<String> all = new ArrayList<>();
        r.diagnostics().forEach(d -> all.add(d.format()));
        if (r.config() != null) {
            VmConfigChecks.check(r.config()).forEach(d -> all.add(d.format()));
        }
        return all;
    }

    private String at(int line, int col) {
        return file + ":" + line + ":" + col + ": ";
    }

    private static String edit(String text, String from, String to) {
        assertTrue(text.contains(from), from);
        return text.replace(from, to);
    }

    @Test
    void goodConfig_parsesIntoTheModel() throws IOException {
        assertEquals(List.of(), diagnose(GOOD));
        VmConfig c = VmConfigParser.parse(file).config();
        assertEquals("demo", c.base().name());
        assertEquals(0x8020_0000L, c.kernel().entryPoint());
        assertEquals(List.of(new VmConfig.MemoryRegion(0x8000_0000L, 0x100_0000L, 0xf, 0, Span.on(11, 3, 36))),
                c.kernel().memoryRegions());
        assertEquals("uart", c.devices().passthrough().get(0).name());
        assertEquals("emulate", c.devices().pflash().mode());
        assertEquals(new Position(6, 15), c.positionOf("kernel.entry_point"));
    }

    /** Mutated configs through the parser and the checks: diagnostics, never an exception or an internal failure. */
    @Test
    void fuzzedConfigs_giveOnlyDiagnostics() throws IOException {
        long seed = Long.getLong("hvscope.fuzz.seed", System.nanoTime());
        System.out.println("VmConfigParserTest fuzz seed: -Dhvscope.fuzz.seed=" + seed);
        java.util.Random random = new java.util.Random(seed);
        String[] tokens = {"[", "]", "{", "}", "=", "\"", "'", "#", ",", "\n", "0x", "-1", "0xffff_ffff_ffff_ffff", "1e999",
            "[[", "]]", "\"\"\"", "nan", "inf", "true", "99999999999999999999", "[".repeat(70)};
        long end = System.nanoTime() + 3_000_000_000L;
        for (int round = 0; round < 3000 && System.nanoTime() < end; round++) {
            StringBuilder text = new StringBuilder(GOOD);
            for (int e = 0; e < 1 + random.nextInt(5); e++) {
                int at = random.nextInt(text.length() + 1);
                int span = Math.min(text.length() - at, random.nextInt(16));
                switch (random.nextInt(3)) {
                    case 0 -> text.delete(at, at + span);
                    case 1 -> text.insert(at, tokens[random.nextInt(tokens.length)]);
                    default -> text.replace(at, at + span, tokens[random.nextInt(tokens.length)]);
                }
            }
            VmConfigParser.Result r = VmConfigParser.parse(file, text.toString());
            List<Diagnostic> all = new ArrayList<>(r.diagnostics());
            if (r.config() != null) {
                all.addAll(VmConfigChecks.check(r.config()));
            }
            for (Diagnostic d : all) {
                assertFalse(d.code().equals("unparsable") || d.message().contains("\n"), d.format() + "\nin:\n" + text);
            }
        }
    }

    @Test
    void theDemoConfig_isClean() {
        Path demo = Path.of(System.getProperty("hvscope.examples", "../examples"), "pflash/vm.toml");
        VmConfigParser.Result r = VmConfigParser.parse(demo);
        assertEquals(List.of(), r.diagnostics());
        assertNotNull(r.config());
        assertEquals(List.of(), VmConfigChecks.check(r.config()));
    }

    @Test
    void tomlSyntaxError_isReportedAtItsPlace() throws IOException {
        List<String> d = diagnose(edit(GOOD, "cpu_num = 1", "cpu_num = = 1"));
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).startsWith(at(4, 11) + "TOML syntax: "), d.get(0));
    }

    @Test
    void unknownKey_namesTheKeyAndTable() throws IOException {
        List<String> d = diagnose(edit(GOOD, "cpu_num = 1", "cpu_num = 1\ncpus = 2"));
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).startsWith(at(5, 1) + "warning: unknown key 'cpus' in [base]"), d.get(0));
    }

    @Test
    void wrongType_saysWhatWasExpected() throws IOException {
        List<String> d = diagnose(edit(GOOD, "entry_point = 0x8020_0000", "entry_point = \"0x80200000\""));
        assertEquals(List.of(at(6, 15) + "kernel.entry_point must be an integer, not a string"), d);
        d = diagnose(edit(GOOD, "[0x8000_0000, 0x100_0000, 0xf, 0]", "[0x8000_0000, 0x100_0000, 0xf]"));
        assertEquals(List.of(at(11, 3) + "kernel.memory_regions[0] must be [base_paddr, size, flags, map_type], "
                + "not an array of 3"), d);
    }

    @Test
    void columns_countCodePoints_soAnEmojiIsOneColumn() throws IOException {
        // 😀 is two UTF-16 units, é one, → one: "x" starts at code point column 32 (UTF-16: 33)
        List<String> d = diagnose(edit(GOOD, "[[\"uart\", 0x1000_0000,", "[[\"\ud83d\ude00é→\", \"x\","));
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).startsWith(at(14, 32) + "devices.passthrough_devices[0][1] must be an integer, not a string"),
                d.get(0));
    }

    @Test
    void missingKey_isAnError() throws IOException {
        List<String> d = diagnose(edit(GOOD, "kernel_path = \"guest.elf\"\n", ""));
        assertEquals(List.of(at(5, 1) + "missing key 'kernel_path' in [kernel]"), d);
    }

    @Test
    void overlappingRegions_pointAtTheSecond() throws IOException {
        List<String> d = diagnose(edit(GOOD, "  [0x8000_0000, 0x100_0000, 0xf, 0],",
                "  [0x8000_0000, 0x100_0000, 0xf, 0],\n  [0x8080_0000, 0x100_0000, 0xf, 0],"));
        assertEquals(List.of(at(12, 3) + "memory region 0x80800000..0x81800000 overlaps memory region "
                + "0x80000000..0x81000000 (line 11)"), d);
    }

    @Test
    void deviceOverlappingRam_isReported() throws IOException {
        List<String> d = diagnose(edit(GOOD, "gpa = 0x2200_0000", "gpa = 0x8000_0000"));
        assertEquals(List.of(
                at(17, 7) + "pflash window 0x80000000..0x80001000 lies outside the board's pflash banks "
                        + "0x20000000..0x24000000",
                at(17, 7) + "pflash window 0x80000000..0x80001000 overlaps memory region "
                        + "0x80000000..0x81000000 (line 11)"), d);
    }

    @Test
    void consoleEmuDevice_isClean_andKeepsItsType() throws IOException {
        String text = edit(GOOD, "emu_devices = []", "emu_devices = [[\"uart0\", 0x1001_0000, 0x1000, 10, 2, []]]");
        assertEquals(List.of(), diagnose(text));
        VmConfig.EmulatedDevice d = VmConfigParser.parse(file).config().devices().emulated().get(0);
        assertEquals(VmConfig.EmulatedDevice.EMU_CONSOLE, d.emuType());
        assertEquals(0x1001_0000L, d.gpa());
    }

    @Test
    void emuUartOverlappingAPassthroughDevice_isReported() throws IOException {
        List<String> d = diagnose(edit(GOOD, "emu_devices = []",
                "emu_devices = [[\"uart0\", 0x1000_0000, 0x1000, 10, 2, []]]"));
        assertEquals(List.of(at(15, 16) + "emulated device 'uart0' 0x10000000..0x10001000 overlaps passthrough device "
                + "'uart' 0x10000000..0x10001000 (line 14)"), d);
    }

    @Test
    void emuTypeWithNoModel_isAWarning() throws IOException {
        List<String> d = diagnose(edit(GOOD, "emu_devices = []",
                "emu_devices = [[\"gic\", 0x0c00_0000, 0x1000, 0, 1, []]]"));
        assertEquals(List.of(at(15, 16) + "warning: emulated device 'gic': emu_type 1 (InterruptController) has no "
                + "model in hvscope; its reads give 0 and its writes are ignored (models: 0 Dummy, 2 Console = "
                + "NS16550A UART)"), d);
    }

    @Test
    void gpaBeyond41Bits_isReported() throws IOException {
        List<String> d = diagnose(edit(GOOD, "[\"uart\", 0x1000_0000,", "[\"uart\", 0x200_0000_0000,"));
        assertEquals(List.of(at(14, 24) + "passthrough device 'uart' 0x20000000000..0x20000001000: beyond the 41-bit "
                + "guest-physical space of Sv39x4 (limit 0x20000000000)"), d);
    }

    @Test
    void misalignedSize_isReported() throws IOException {
        List<String> d = diagnose(edit(GOOD, "0x100_0000, 0xf, 0]", "0x100_0800, 0xf, 0]"));
        assertEquals(List.of(at(11, 3) + "memory region 0x80000000..0x81000800: base and size must be multiples "
                + "of 4 KiB"), d);
    }

    @Test
    void missingImageFiles_areReportedAtTheirKeys() throws IOException {
        Files.delete(dir.resolve("flash.img"));
        Files.delete(dir.resolve("guest.elf"));
        List<String> d = diagnose(GOOD);
        assertEquals(2, d.size(), d.toString());
        assertTrue(d.get(0).startsWith(at(8, 15) + "kernel image guest.elf does not exist"), d.get(0));
        assertTrue(d.get(1).startsWith(at(20, 17) + "pflash emulate image flash.img does not exist"), d.get(1));
    }

    @Test
    void badFlagsModeAndCpuCount_areReported() throws IOException {
        String text = edit(edit(edit(GOOD, "0x100_0000, 0xf, 0]", "0x100_0000, 0x2, 0]"),
                "mode = \"emulate\"", "mode = \"mmap\""), "cpu_num = 1", "cpu_num = 2");
        List<String> d = diagnose(text);
        assertEquals(List.of(
                at(4, 11) + "cpu_num = 2: the hosted hypervisor runs exactly one vCPU",
                at(11, 3) + "memory region 0x80000000..0x81000000: flags 0x2 grant neither READ nor EXECUTE",
                at(19, 8) + "pflash mode must be \"passthrough\" or \"emulate\", not \"mmap\""), d);
    }

    @Test
    void entryOutsideRam_isReported() throws IOException {
        List<String> d = diagnose(edit(GOOD, "entry_point = 0x8020_0000", "entry_point = 0x9000_0000"));
        assertEquals(List.of(at(6, 15) + "entry_point 0x90000000 is outside every memory region"), d);
    }

    @Test
    void unreadableFile_isAnErrorNotAnException() {
        VmConfigParser.Result r = VmConfigParser.parse(dir.resolve("absent.toml"));
        assertNull(r.config());
        assertTrue(r.hasErrors());
        assertTrue(r.diagnostics().get(0).format().startsWith(dir.resolve("absent.toml") + ":1:1: cannot read"));
        assertFalse(r.diagnostics().isEmpty());
    }
}
