package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.GdbEndpoint;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.PflashDrive;
import dev.hvscope.core.machine.SerialMode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The default command's options, parsed exactly as the launcher would, down to the MachineConfig. */
class CommandLineTest {
    /** Output of one {@link Main#run}: exit status, stdout, stderr. */
    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        // the test JVM's stdin is the test runner's channel: a guest reading it would wait on the runner
        int status = Main.run(args, java.io.InputStream.nullInputStream(), new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Run(status, out.toString(), err.toString());
    }

    static HvscopeCommand parse(String... args) {
        CommandLine cl = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        cl.parseArgs(args);
        return cl.getCommand();
    }

    static MachineConfig config(String... args) {
        return parse(args).toConfig();
    }

    /** The one line on stderr of a failed run, with status 1 and no stack trace. */
    static String error(String... args) {
        Run r = run(args);
        assertEquals(1, r.status(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertTrue(r.err().startsWith("hvscope: "), r.err());
        return r.err().strip();
    }

    @Test
    void typicalQemuInvocation_buildsTheSameMachine() {
        MachineConfig c = config("-machine", "virt", "-cpu", "rv64", "-m", "128M", "-smp", "2", "-nographic",
                "-bios", "none", "-kernel", "k.elf");
        assertEquals(2, c.smp());
        assertEquals(128L << 20, c.ramSize());
        assertTrue(c.hExtension());
        assertEquals(Bios.NONE, c.bios());
        assertEquals(Path.of("k.elf"), c.kernel());
        assertEquals(SerialMode.MON_STDIO, c.serial());
    }

    @Test
    void noOptions_giveQemuDefaults() {
        MachineConfig c = config("-kernel", "k");
        assertEquals(MachineConfig.builder().kernel(Path.of("k")).build(), c);
    }

    @Test
    void machine_acceptsVirtUnderBothNames() {
        assertEquals("virt", parse("-M", "virt").machine);
        assertEquals("virt", parse("-machine", "type=virt").machine);
    }

    @Test
    void machine_rejectsOtherBoardsAndProperties() {
        assertEquals("hvscope: -machine sifive_u: unsupported machine 'sifive_u' (hvscope emulates only 'virt')",
                error("-M", "sifive_u"));
        assertTrue(error("-machine", "virt,aclint=on").contains("unsupported machine property 'aclint=on'"));
    }

    @ParameterizedTest
    @CsvSource({"rv64, true", "'rv64,h=true', true", "'rv64,h=on', true", "'rv64,h=false', false",
        "'rv64,h=off', false", "'rv64,h=no', false"})
    void cpu_setsTheHExtension(String value, boolean h) {
        assertEquals(h, config("-cpu", value).hExtension());
    }

    @Test
    void cpu_rejectsOtherModelsAndProperties() {
        assertTrue(error("-cpu", "sifive-u54").contains("-cpu sifive-u54: unsupported CPU model 'sifive-u54'"));
        assertTrue(error("-cpu", "rv64,zba=true").contains("unsupported CPU property 'zba'"));
        assertTrue(error("-cpu", "rv64,h=maybe").contains("invalid value 'maybe' for h"));
    }

    @ParameterizedTest
    @CsvSource({"128M, 134217728", "1G, 1073741824", "1g, 1073741824", "256, 268435456", "512K, 524288",
        "1.5G, 1610612736", "size=64M, 67108864", "4097B, 8192", "0.5, 524288"})
    void memory_followsQemuSizeSyntax(String value, long bytes) {
        assertEquals(bytes, config("-m", value).ramSize());
    }

    @Test
    void memory_rejectsBadSizes() {
        assertEquals("hvscope: -m 12X: invalid size '12X' (use e.g. 128M, 1G or a number of MiB)", error("-m", "12X"));
        assertTrue(error("-m", "0").contains("greater than zero"));
        assertTrue(error("-m", "64G").contains("limit"));
        assertTrue(error("-m", "1G,slots=2,maxmem=4G").contains("only -m SIZE"));
        assertTrue(error("-m", "-5").contains("-m"));
    }

    @Test
    void smp_acceptsCountOrCpusForm() {
        assertEquals(4, config("-smp", "4").smp());
        assertEquals(8, config("-smp", "cpus=8").smp());
    }

    @Test
    void smp_rejectsOutOfRangeAndTopology() {
        assertEquals("hvscope: -smp 9: hvscope supports 1 to 8 harts", error("-smp", "9"));
        assertTrue(error("-smp", "0").contains("1 to 8"));
        assertTrue(error("-smp", "two").contains("invalid CPU count 'two'"));
        assertTrue(error("-smp", "2,sockets=2").contains("unsupported -smp property 'sockets=2'"));
    }

    @Test
    void bios_distinguishesNoneDefaultAndFiles() {
        assertEquals(Bios.NONE, config("-bios", "none").bios());
        assertEquals(Bios.DEFAULT, config("-bios", "default").bios());
        assertEquals(Bios.file(Path.of("fw.bin")), config("-bios", "fw.bin").bios());
    }

    @Test
    void kernelAppendInitrd_areKept() {
        MachineConfig c = config("-kernel", "Image", "-append", "console=ttyS0 earlycon", "-initrd", "rd.cpio");
        assertEquals(Path.of("Image"), c.kernel());
        assertEquals("console=ttyS0 earlycon", c.append());
        assertEquals(Path.of("rd.cpio"), c.initrd());
    }

    @Test
    void append_withoutKernelIsRefusedAsQemuDoes() {
        assertEquals("hvscope: -append only allowed with -kernel option", error("-bios", "none", "-append", "x"));
    }

    @Test
    void drive_addsPflashBanks() {
        MachineConfig c = config("-drive", "if=pflash,unit=1,format=raw,file=disk.img,readonly=on",
                "-drive", "if=pflash,unit=0,format=raw,file=a,,b.img");
        assertEquals(List.of(new PflashDrive(1, Path.of("disk.img"), true), new PflashDrive(0, Path.of("a,b.img"), false)),
                c.pflash());
    }

    @Test
    void drive_rejectsOtherInterfacesFormatsAndProperties() {
        assertTrue(error("-drive", "if=virtio,file=x").contains("unsupported interface if=virtio"));
        assertTrue(error("-drive", "if=pflash,format=qcow2,file=x").contains("unsupported format=qcow2"));
        assertTrue(error("-drive", "if=pflash,unit=2,file=x").contains("pflash unit 2 does not exist"));
        assertTrue(error("-drive", "if=pflash,unit=0").contains("file= is required"));
        assertTrue(error("-drive", "if=pflash,file=x,cache=none").contains("unsupported drive property 'cache'"));
        assertTrue(error("-drive", "file=x").contains("if=pflash is required"));
        assertTrue(error("-bios", "none", "-drive", "if=pflash,unit=0,file=a", "-drive", "if=pflash,unit=0,file=b")
                .contains("pflash unit 0 is given twice"));
    }

    @Test
    void serial_acceptsTheThreeBackEnds() {
        assertEquals(SerialMode.STDIO, config("-serial", "stdio").serial());
        assertEquals(SerialMode.MON_STDIO, config("-serial", "mon:stdio").serial());
        assertEquals(SerialMode.NONE, config("-serial", "none").serial());
        assertTrue(error("-serial", "pty").contains("unsupported serial back end 'pty'"));
    }

    @Test
    void gdbOptions_areParsedIntoTheConfig() {
        assertEquals(GdbEndpoint.defaultEndpoint(), config("-s").gdb());
        assertEquals(new GdbEndpoint("127.0.0.1", 3333), config("-gdb", "tcp::3333").gdb());
        assertEquals(new GdbEndpoint("0.0.0.0", 1234), config("-gdb", "tcp:0.0.0.0:1234").gdb());
        assertEquals(new GdbEndpoint("::1", 1234), config("-gdb", "tcp:[::1]:1234").gdb());
        MachineConfig c = config("-s", "-S");
        assertTrue(c.waitForGdb());
        assertNull(config().gdb());
    }

    @Test
    void gdbOptions_checkTheirArguments() {
        assertEquals("hvscope: -kernel k: no such file", error("-s", "-bios", "none", "-kernel", "k"));
        assertTrue(error("-gdb", "udp::1").contains("unsupported gdb device"));
        assertTrue(error("-gdb", "tcp::99999").contains("not in 0..65535"));
        assertEquals(new GdbEndpoint("127.0.0.1", 0), config("-gdb", "tcp:127.0.0.1:0").gdb());
        assertTrue(error("-S", "-kernel", "k").contains("-S needs a GDB stub"));
    }

    @Test
    void traceFlags_accumulateAcrossOptions() {
        MachineConfig c = config("-d", "int,mmu", "-d", "guest_errors", "-D", "trace.log");
        assertEquals(Set.of("int", "mmu", "guest_errors"), c.traceFlags());
        assertEquals(Path.of("trace.log"), c.logFile());
        assertEquals("hvscope: -d int,bogus: unknown trace flag 'bogus' (see -d help)", error("-d", "int,bogus"));
    }

    @Test
    void traceHelp_listsEveryFlag() {
        Run r = run("-d", "help");
        assertEquals(0, r.status());
        assertTrue(r.out().contains("guest_errors"));
        assertTrue(r.out().contains("vmexit"));
    }

    @Test
    void optionValues_areTakenVerbatimEvenWhenTheyLookLikeNames() {
        assertEquals("bench", config("-append", "bench", "-kernel", "k").append());
        assertEquals("-s", config("-append", "-s", "-kernel", "k").append());
        assertNull(config("-append", "-s", "-kernel", "k").gdb());
        assertTrue(error("-m", "-nographic").contains("-m -nographic: invalid size"));
    }

    @Test
    void laterOptionOverridesEarlier_asInQemu() {
        assertEquals(64L << 20, config("-m", "128M", "-m", "64M").ramSize());
    }

    @Test
    void singleDashNames_areNotClustered() {
        // without the setting, picocli would read -smp as -s -m p
        assertEquals("hvscope: -sm: unknown option (see hvscope -h)", error("-sm", "2"));
        assertNull(config("-smp", "2").gdb());
    }

    @Test
    void unknownOptionsAndArguments_giveOneLine() {
        assertEquals("hvscope: -foo: unknown option (see hvscope -h)", error("-foo"));
        assertEquals("hvscope: --frobnicate: unknown option (see hvscope -h)", error("--frobnicate"));
        assertEquals("hvscope: disk.img: unexpected argument (see hvscope -h)", error("disk.img"));
        assertEquals("hvscope: -m: requires an argument (SIZE)", error("-m"));
    }

    @Test
    void doubleDashSpellings_areAcceptedAsQemuDoes() {
        assertEquals("hvscope: -machine sifive_u: unsupported machine 'sifive_u' (hvscope emulates only 'virt')",
                error("--machine", "sifive_u"));
        assertEquals("hvscope: -kernel k: no such file",
                error("--m", "64M", "--append", "--m", "--kernel", "k", "-s"));
    }

    @Test
    void noGuest_isAnError() {
        assertTrue(error().contains("nothing to run"));
    }

    @Test
    void missingFiles_areReportedWithTheirOption(@TempDir Path dir) throws java.io.IOException {
        assertEquals("hvscope: -kernel no-such.elf: no such file", error("-bios", "none", "-kernel", "no-such.elf"));
        Path k = java.nio.file.Files.createFile(dir.resolve("k.elf"));
        assertEquals("hvscope: -bios fw.bin: no such file", error("-bios", "fw.bin", "-kernel", k.toString()));
        assertEquals("hvscope: -initrd rd: no such file", error("-bios", "none", "-kernel", k.toString(), "-initrd", "rd"));
        assertEquals("hvscope: -drive p.img: no such file",
                error("-bios", "none", "-kernel", k.toString(), "-drive", "if=pflash,unit=1,file=p.img"));
        assertEquals("hvscope: -kernel " + dir + ": not a regular file", error("-bios", "none", "-kernel", dir.toString()));
    }

    @Test
    void traceOptions_configureTheSlf4jSimpleLoggers() {
        java.util.Map<String, String> p = LogSetup.properties(config("-d", "mmu,vmexit", "-D", "t.log"));
        assertEquals("t.log", p.get("org.slf4j.simpleLogger.logFile"));
        assertEquals("debug", p.get("org.slf4j.simpleLogger.log.hvscope.trace.mmu"));
        assertEquals("debug", p.get("org.slf4j.simpleLogger.log.hvscope.trace.vmexit"));
        assertNull(p.get("org.slf4j.simpleLogger.log.hvscope.trace.exec"));
        assertNull(LogSetup.properties(config()).get("org.slf4j.simpleLogger.logFile"));
    }

    @Test
    void helpAndVersion_exitZero() {
        Run help = run("-h");
        assertEquals(0, help.status());
        assertTrue(help.out().contains("-machine"));
        assertTrue(help.out().contains("-drive"));
        assertTrue(help.out().contains("bench"));
        assertEquals(0, run("-help").status());
        Run version = run("-version");
        assertEquals(0, version.status());
        assertTrue(version.out().startsWith("hvscope version "));
    }
}
