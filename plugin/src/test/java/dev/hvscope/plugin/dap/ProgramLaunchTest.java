package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.jsonrpc.ResponseErrorException;
import org.junit.jupiter.api.Test;

/** The hvscope command lines that launch builds from program / vmConfig, one test per shape. */
class ProgramLaunchTest {
    private static final Path EX = Qemu.examples().toAbsolutePath().normalize();

    private static Map<String, Object> args(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(Map<String, Object> expanded) {
        return (List<String>) expanded.get("command");
    }

    @Test
    void vmConfig_runsTheHostedHypervisorWithItsPflashModeAndTheGuestElfForSymbols() {
        String config = EX.resolve("pflash/vm.toml").toString();
        Map<String, Object> out = ProgramLaunch.expand(args("hvscope", "/opt/hvscope/hvscope", "vmConfig", config,
                "pflashMode", "emulate", "args", List.of("--exit-log")));
        assertEquals(List.of("/opt/hvscope/hvscope", "vm", config, "--pflash", "emulate",
                "-S", "-gdb", "unix:${socket}", "--exit-log"), command(out));
        assertEquals(List.of(EX.resolve("pflash-guest/pflash-guest.elf").toString()), out.get("elf"));
    }

    @Test
    void vmConfig_withProgram_takesTheProgramForSymbols() {
        Map<String, Object> out = ProgramLaunch.expand(args("hvscope", "hvscope",
                "vmConfig", EX.resolve("pflash/vm.toml").toString(), "program", "/tmp/guest.elf"));
        assertEquals(List.of("/tmp/guest.elf"), out.get("elf"));
        assertFalse(command(out).contains("--pflash"), "no pflashMode: the config's own mode");
    }

    @Test
    void emptyVmConfigOrVmTrue_runsTheEmbeddedDemo() {
        List<String> demo = List.of("hv", "vm", "-S", "-gdb", "unix:${socket}");
        assertEquals(demo, command(ProgramLaunch.expand(args("hvscope", "hv", "vmConfig", ""))));
        Map<String, Object> vm = ProgramLaunch.expand(args("hvscope", "hv", "vm", true));
        assertEquals(demo, command(vm));
        // the plugin's class path has no embedded demo, so there is no guest ELF to name
        assertNull(vm.get("elf"));
    }

    @Test
    void program_runsFullSystemOnTheVirtBoardWithArgsLast() {
        Map<String, Object> out = ProgramLaunch.expand(args("hvscope", List.of("java", "-jar", "hvscope.jar"),
                "program", "/x/hv-passthrough.elf",
                "args", List.of("-drive", "if=pflash,unit=1,format=raw,file=/x/pflash.img")));
        assertEquals(List.of("java", "-jar", "hvscope.jar", "-machine", "virt", "-nographic", "-bios", "none",
                "-kernel", "/x/hv-passthrough.elf", "-S", "-gdb", "unix:${socket}",
                "-drive", "if=pflash,unit=1,format=raw,file=/x/pflash.img"), command(out));
        assertEquals(List.of("/x/hv-passthrough.elf"), out.get("elf"));
    }

    @Test
    void program_biosAndElfAndRelativePaths() {
        Map<String, Object> out = ProgramLaunch.expand(args("hvscope", "hv", "program", "guest.elf", "cwd", "/w",
                "bios", "default", "elf", "/sym/other.elf"));
        assertEquals(List.of("hv", "-machine", "virt", "-nographic", "-bios", "default", "-kernel", "/w/guest.elf",
                "-S", "-gdb", "unix:${socket}"), command(out));
        assertEquals("/sym/other.elf", out.get("elf"), "a given elf is kept");
    }

    @Test
    void program_firmwareFollowsTheElfsEntry() {
        // the bare-metal hypervisor starts at the DRAM base in M-mode; the S-mode guest needs OpenSBI
        assertEquals("none", ProgramLaunch.firmwareFor(EX.resolve("hv-baremetal/hv-passthrough.elf")));
        assertEquals("default", ProgramLaunch.firmwareFor(EX.resolve("pflash-guest/pflash-guest.elf")));
        List<String> cmd = command(ProgramLaunch.expand(args("hvscope", "hv",
                "program", EX.resolve("pflash-guest/pflash-guest.elf").toString())));
        assertEquals("default", cmd.get(cmd.indexOf("-bios") + 1));
    }

    @Test
    void applies_onlyWithoutCommand() {
        assertTrue(ProgramLaunch.applies(args("program", "a.elf")));
        assertTrue(ProgramLaunch.applies(args("vm", true)));
        assertFalse(ProgramLaunch.applies(args("program", "a.elf", "command", List.of("qemu"))));
        assertFalse(ProgramLaunch.applies(args("port", 1234)));
    }

    @Test
    void badPflashModes_areErrors() {
        String m1 = assertThrows(ResponseErrorException.class, () -> ProgramLaunch.expand(
                args("hvscope", "hv", "vm", true, "pflashMode", "mapped"))).getMessage();
        assertTrue(m1.contains("passthrough or emulate"), m1);
        String m2 = assertThrows(ResponseErrorException.class, () -> ProgramLaunch.expand(
                args("hvscope", "hv", "program", "a.elf", "pflashMode", "emulate"))).getMessage();
        assertTrue(m2.contains("vmConfig"), m2);
    }

    @Test
    void withoutHvscope_outsideHvscopesJar_isAnErrorNamingTheAttribute() {
        // the plugin module's class path lacks the app module's main class
        String m = assertThrows(ResponseErrorException.class, () -> ProgramLaunch.expand(args("program", "a.elf")))
                .getMessage();
        assertTrue(m.contains("'hvscope'"), m);
    }
}
