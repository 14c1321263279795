package dev.hvscope.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The real gdb-multiarch against the stub on a free port, on the bare-metal hypervisor example. */
class GdbIntegrationTest {
    private static final String GDB = "gdb-multiarch";
    private StubFixture stub;

    @BeforeAll
    static void needsGdb() {
        boolean found = false;
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            found |= Files.isExecutable(Path.of(dir, GDB));
        }
        assumeTrue(found, GDB + " is not installed");
    }

    @AfterEach
    void stop() throws Exception {
        if (stub != null) {
            stub.close();
        }
    }

    private record Run(int exit, String out) {
    }

    /** Runs gdb in batch mode; with -x the first failing command ends the script with exit status 1. */
    private Run gdb(String elf, String... commands) throws IOException, InterruptedException {
        StringBuilder script = new StringBuilder("set pagination off\nset confirm off\nset width 0\n");
        if (elf != null) {
            script.append("file ").append(StubFixture.examples().resolve(elf)).append('\n');
        }
        script.append("target remote 127.0.0.1:").append(stub.port()).append('\n');
        for (String c : commands) {
            script.append(c).append('\n');
        }
        Path file = Files.createTempFile("hvscope-gdb", ".gdb");
        Files.writeString(file, script);
        Process p = new ProcessBuilder(GDB, "-batch", "-nx", "-x", file.toString()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gdb finished");
        Files.deleteIfExists(file);
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private Run gdbOk(String... commands) throws IOException, InterruptedException {
        Run r = gdb("hv-baremetal/hv-passthrough.elf", commands);
        assertEquals(0, r.exit(), r.out());
        return r;
    }

    private static void contains(Run r, String text) {
        assertTrue(r.out().contains(text), "expected '" + text + "' in:\n" + r.out());
    }

    private static void matches(Run r, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(r.out());
        assertTrue(m.find(), "expected /" + regex + "/ in:\n" + r.out());
    }

    @Test
    void connect_readsAndWritesRegistersAndCsrs_inEveryMode() throws Exception {
        stub = new StubFixture();
        Run r = gdbOk("info registers pc priv mode",
                "set $a0 = 0x1234", "p/x $a0",
                "set $hgatp = 0x8000000000080004", "p/x $hgatp", "p $hgatp",
                "set $vsstatus = 0x200000022", "p/x $vsstatus",
                "maint flush register-cache", "p/x $a0", "p/x $vsstatus",
                "info all-registers",
                "echo ALL-REGISTERS-DONE\\n");
        matches(r, "pc\\s+0x1000");
        matches(r, "mode\\s+0x3\\s+M");
        contains(r, "$1 = 0x1234");
        contains(r, "$2 = 0x8000000000080004");
        contains(r, "MODE=8");
        contains(r, "$4 = 0x200000022");
        contains(r, "$5 = 0x1234");          // read back from the stub after the cache was dropped
        contains(r, "$6 = 0x200000022");
        matches(r, "vsatp\\s+0x0");
        matches(r, "htinst\\s+0x0");
        contains(r, "ALL-REGISTERS-DONE");
    }

    @Test
    void breakOnSymbol_continue_hardwareBreakpoint() throws Exception {
        stub = new StubFixture();
        Run r = gdbOk("break hv_main", "continue", "info registers pc",
                "hbreak hs_trap", "continue", "info registers pc mode");
        contains(r, "Breakpoint 1, hv_main");
        matches(r, "pc\\s+0x" + Long.toHexString(stub.symbol("hs_trap")) + "\\s+0x[0-9a-f]+ <hs_trap>");
        matches(r, "mode\\s+0x1\\s+HS");
    }

    @Test
    void stepi_acrossTheGuestPageFault_landsInTheHypervisorsVector() throws Exception {
        stub = new StubFixture();
        Run r = gdbOk("break *0x80200044", "continue", "info registers pc mode",
                "p/x $satp", "p/x $vsatp", "p/x $hstatus", "stepi",
                "info registers pc mode", "p $scause", "p/x $sepc", "p/x $htval");
        matches(r, "pc\\s+0x80200044");
        matches(r, "mode\\s+0x5\\s+VS");
        // Stopped with V=1: $satp is still the HS register (Bare here), $vsatp the guest's.
        contains(r, "$1 = 0x0\n");
        // The guest's own table after it rebuilt it with 4 KiB device pages (kernel_pt in its ELF).
        long kernelPt = dev.hvscope.core.machine.ElfLoader.read(StubFixture.examples()
                .resolve("pflash-guest/pflash-guest.elf")).address("kernel_pt").getAsLong();
        contains(r, "$2 = 0x" + Long.toHexString((8L << 60) | (kernelPt >>> 12)));
        contains(r, "$3 = 0x200000100");   // hstatus while V=1: VSXL=2, SPVP (sret cleared SPV)
        matches(r, "pc\\s+0x" + Long.toHexString(stub.symbol("hs_trap_entry")) + "\\s");
        matches(r, "mode\\s+0x1\\s+HS");
        contains(r, "CODE=21");
        contains(r, "= 0x80200044");
        contains(r, "= 0x8800000");
    }

    @Test
    void watch_reportsOldAndNewValue() throws Exception {
        stub = new StubFixture();
        Run r = gdbOk("watch exit_count", "continue", "info registers pc");
        contains(r, "Old value = 0");
        contains(r, "New value = 1");
        contains(r, "hs_trap");
    }

    @Test
    void readAndAccessWatchpoints_stopAtTheLoad() throws Exception {
        stub = new StubFixture();
        Run r = gdbOk("rwatch pflash_mode", "continue", "bt 1", "delete", "awatch pflash_mode", "continue", "bt 1");
        contains(r, "Hardware read watchpoint 1: pflash_mode");
        contains(r, "Value = 0 '\\000'");
        contains(r, "Hardware access (read/write) watchpoint 2: pflash_mode");
        contains(r, "hv_main");
        contains(r, "handle_guest_page_fault");
    }

    @Test
    void monitorCommands_catchTheNestedPageFault_andShowTheGStageBeforeAndAfterTheMapping() throws Exception {
        stub = new StubFixture();
        Run r = gdbOk("monitor help", "monitor hv catch npf", "continue",
                "info registers pc mode", "p/x $htval", "p/x $hgatp", "p $scause",
                "monitor hv gstage walk 0x22000000",
                "monitor hv gstage map",
                "monitor hv vsstage map",
                "monitor hv translate 0xffffffc022000000",
                "monitor info mem",
                "monitor info registers",
                "monitor pflash",
                "monitor hv exits",
                "monitor hv catch sbi", "continue",
                "echo AFTER-MAPPING\\n",
                "monitor hv gstage walk 0x22000000",
                "monitor hv catch none",
                "monitor no-such-command");
        contains(r, "hvscope monitor commands:");
        contains(r, "catching VM exits: npf");
        contains(r, "hvscope: VM exit #1 hart 0 npf cause=21 VS->HS pc=0x80200044");
        contains(r, "gpa=0x22000000");
        matches(r, "mode\\s+0x1\\s+HS");
        contains(r, "= 0x8800000");
        contains(r, "= 0x8000000000080004");
        int after = r.out().indexOf("AFTER-MAPPING");
        String before = r.out().substring(0, after);
        String later = r.out().substring(after);
        assertTrue(before.contains("G  L2 [gpa 0x22000000] table=0x80004000 idx=0x0 pte@0x80004000 = 0x0")
                && before.contains("FAULT INVALID_PTE"), before);
        assertTrue(before.contains("0000000080000000 0000000084000000 0000000001000000 rwxu-ad"), before);
        assertTrue(before.contains("VS L2"), "two-stage trace shows the VS walk: " + before);
        assertTrue(before.contains("satp is Bare"), before);
        assertTrue(before.contains("not available in full-system mode"), before);
        assertTrue(before.contains("1 VM exits logged"), before);
        assertTrue(later.contains("=> pa=0x22000000 gpa=0x22000000"), later);
        contains(r, "catching no VM exits");
        contains(r, "unknown command 'no-such-command'");
    }

    @Test
    void emulateMode_gStageMapsTheFaultingGpaToAFreshFrame() throws Exception {
        stub = new StubFixture("hv-baremetal/hv-emulate.elf");
        Run r = gdb("hv-baremetal/hv-emulate.elf", "monitor hv catch npf", "continue",
                "monitor hv gstage walk 0x22000000", "monitor hv catch sbi", "continue",
                "echo AFTER-MAPPING\\n", "monitor hv gstage walk 0x22000000", "monitor hv gstage map",
                "monitor hv exits 2", "monitor hv space gva", "x/s 0xffffffc022000000");
        assertEquals(0, r.exit(), r.out());
        String later = r.out().substring(r.out().indexOf("AFTER-MAPPING"));
        assertTrue(later.contains("=> pa=0x85000000 gpa=0x22000000"), later);
        assertTrue(later.contains("0000000022000000 0000000085000000 0000000000001000 rwxu-ad"), later);
        assertTrue(later.contains("pfld"), "the guest's view of the emulated flash: " + later);
    }

    @Test
    void x_readsEachAddressSpace() throws Exception {
        stub = new StubFixture();
        Run r = gdbOk("monitor hv catch npf", "continue",
                "monitor hv space gva", "x/1wx 0x80200044",
                "monitor hv space gpa", "x/1wx 0x80200044",
                "monitor hv space hpa", "x/1wx 0x84200044", "x/1wx 0x80200044",
                "monitor hv space current",
                "maint packet Qqemu.PhyMemMode:1", "x/1wx 0x84200044",
                "maint packet qqemu.Supported");
        Matcher m = Pattern.compile("0x[0-9a-f]+:\\s+(0x[0-9a-f]{8})").matcher(r.out());
        java.util.List<String> words = new java.util.ArrayList<>();
        while (m.find()) {
            words.add(m.group(1));
        }
        assertEquals(5, words.size(), r.out());
        assertEquals(words.get(0), words.get(1), "gva and gpa of the guest's load");
        assertEquals(words.get(0), words.get(2), "and its host-physical copy");
        assertTrue(!words.get(3).equals(words.get(0)), "hpa 0x80200044 is hypervisor memory, not the guest's");
        assertEquals(words.get(0), words.get(4), "QEMU's PhyMemMode reads host-physical");
        contains(r, "sstepbits;sstep;PhyMemMode");
    }

    @Test
    void detach_thenReconnect_sameMachine() throws Exception {
        stub = new StubFixture("hv-baremetal/hv-fault-loop.elf");
        Run first = gdb("hv-baremetal/hv-fault-loop.elf", "break hs_trap", "continue", "detach");
        assertEquals(0, first.exit(), first.out());
        contains(first, "Breakpoint 1, hs_trap");
        Thread.sleep(300);
        assertTrue(stub.target.isRunning() || stub.target.isPoweredOff(), "runs on after detach");
        long before = stub.machine.instructionsRetired();
        Run second = gdb("hv-baremetal/hv-fault-loop.elf", "info registers pc", "monitor hv exits 2",
                "info threads");
        assertEquals(0, second.exit(), second.out());
        assertTrue(stub.machine.instructionsRetired() > before);
        contains(second, "VM exits logged");
        contains(second, "hart 0, ");
    }
}
