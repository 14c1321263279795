package dev.hvscope.core.hv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The emulated 16550 inside a VM: the uart guest ELF, and a raw guest's accesses of every width. */
class UartVmTest {
    static final long UART = 0x1000_0000L;
    private static final String UART_GUEST_OUT = "sbi: next line comes from the UART at 0x10000000\n"
            + "hello from the guest's UART\n"
            + "sbi: back on the SBI console, UART scratch register reads 0x5a\n";

    @TempDir
    Path dir;

    private static VmSpec spec(Path kernel, List<VmSpec.EmulatedDevice> devices) {
        return new VmSpec("uart", 1, 0x8020_0000L, kernel, 0x8020_0000L, 0,
                List.of(new VmSpec.MemoryRegion(0x8000_0000L, 16L << 20, MappingFlags.RWXU, VmSpec.MapKind.ALLOC)),
                List.of(), devices, null);
    }

    private static List<VmSpec.EmulatedDevice> uart() {
        return List.of(new VmSpec.EmulatedDevice("uart", UART, 0x1000, VmSpec.DeviceModel.UART16550));
    }

    private static Path uartGuest() {
        return PflashDemo.examples().resolve("pflash-guest/uart-guest.elf");
    }

    @Test
    void uartGuest_printsBetweenItsSbiLines_inOrder() {
        PflashDemo.Run run = PflashDemo.run(spec(uartGuest(), uart()), 50_000_000L);
        try (HostedMachine host = run.host()) {
            assertEquals(VmResult.Outcome.SYSTEM_DOWN, run.result().outcome(), run.result().message());
            assertEquals(UART_GUEST_OUT, run.output());
            List<ExitLog.Entry> e = run.result().log().entries();
            List<String> thr = new ArrayList<>();
            for (ExitLog.Entry x : e) {
                if (x.kind().startsWith("Mmio") && x.handling().startsWith("uart THR <- ")) {
                    thr.add(x.handling());
                }
            }
            assertEquals(28, thr.size(), thr.toString());
            assertEquals("uart THR <- 0x68 'h'", thr.get(0));
            assertEquals("uart THR <- 0x0a '\\n'", thr.get(27));
            assertTrue(e.stream().anyMatch(x -> x.handling().equals("uart DLL <- 0x01")), "divisor set under DLAB");
            assertTrue(e.stream().anyMatch(x -> x.kind().equals("MmioRead") && x.handling().equals("uart LSR -> 0x60 '`'")));
            assertTrue(e.stream().anyMatch(x -> x.handling().equals("uart SCR -> 0x5a 'Z'")));
            ExitLog.Entry first = e.stream().filter(x -> x.kind().startsWith("Mmio")).findFirst().orElseThrow();
            assertEquals(UART + 1, first.address(), "the first access is the IER write");
        }
    }

    @Test
    void uartGuest_withoutAModel_printsOnlyItsSbiLines() {
        PflashDemo.Run run = PflashDemo.run(spec(uartGuest(),
                List.of(new VmSpec.EmulatedDevice("dev", UART, 0x1000))), 3_000_000L);
        try (HostedMachine host = run.host()) {
            // LSR reads 0 (THRE never set): the guest polls forever, so stop at the limit
            assertEquals(VmResult.Outcome.INSTRUCTION_LIMIT, run.result().outcome(), run.result().message());
            assertEquals("sbi: next line comes from the UART at 0x10000000\n", run.output());
            ExitLog.Entry last = run.result().log().entries().get(run.result().log().entries().size() - 1);
            assertEquals("emulated device read 1 bytes -> 0 (no device model)", last.handling());
        }
    }

    // ---- a raw guest (vsatp Bare): stores and loads of width 1, 2, 4 and 8 ----

    private static final int T0 = 5;
    private static final int S1 = 9;
    private static final int A0 = 10;
    private static final int A1 = 11;
    private static final int A6 = 16;
    private static final int A7 = 17;
    private final List<Integer> code = new ArrayList<>();

    private void li(int rd, long value) {
        long hi = (value + 0x800) >> 12;
        long lo = value - (hi << 12);
        code.add((int) (hi << 12) | rd << 7 | 0x37);
        code.add(((int) lo & 0xfff) << 20 | rd << 15 | rd << 7 | 0x13);
    }

    private void store(int funct3, int rs2, int offset) {
        code.add((offset >> 5) << 25 | rs2 << 20 | T0 << 15 | funct3 << 12 | (offset & 31) << 7 | 0x23);
    }

    private void load(int funct3, int rd, int offset) {
        code.add(offset << 20 | T0 << 15 | funct3 << 12 | rd << 7 | 0x03);
    }

    private Path raw() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(code.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        code.forEach(b::putInt);
        Path p = dir.resolve("guest.bin");
        Files.write(p, b.array());
        return p;
    }

    @Test
    void accessesOfEveryWidth_reachTheRegisterAtTheirOffset_andAreLogged() throws IOException {
        li(T0, UART);
        li(A0, 0x7766_5548L);                  // low byte 'H'
        store(2, A0, 0);                       // sw: THR <- 'H'
        li(A0, 0x0169);                        // low byte 'i'
        store(1, A0, 0);                       // sh: THR <- 'i'
        li(A0, 0x0a);
        store(3, A0, 0);                       // sd: THR <- '\n'
        li(A0, 0x80);
        store(0, A0, 7);                       // sb: SCR <- 0x80
        load(0, S1, 7);                        // lb: SCR sign-extended -> -128
        load(4, A1, 7);                        // lbu -> 0x80
        load(2, A6, 5);                        // lw: LSR -> 0x60
        load(3, A7, 0x20);                     // ld past the registers -> 0
        // SRST reason = a1 + s1 + (a6 - 0x60) + a7: 0 when every load gave what it should
        code.add(0 << 25 | S1 << 20 | A1 << 15 | A1 << 7 | 0x33);          // add a1, a1, s1
        code.add(0 << 25 | A6 << 20 | A1 << 15 | A1 << 7 | 0x33);          // add a1, a1, a6
        code.add(((-0x60) & 0xfff) << 20 | A1 << 15 | A1 << 7 | 0x13);     // addi a1, a1, -0x60
        code.add(0 << 25 | A7 << 20 | A1 << 15 | A1 << 7 | 0x33);          // add a1, a1, a7
        li(A7, Sbi.EXT_SRST);
        li(A6, 0);
        li(A0, 0);
        code.add(0x73);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HostedMachine host = HostedMachine.create(spec(raw(), uart()), out, null)) {
            VmResult r = host.vm().run(1_000_000L, 0);
            assertEquals(VmResult.Outcome.SYSTEM_DOWN, r.outcome(), r.message());
            assertEquals("Hi\n", out.toString(StandardCharsets.ISO_8859_1));
            List<String> log = new ArrayList<>();
            for (ExitLog.Entry e : r.log().entries()) {
                log.add(e.kind() + " " + e.handling());
            }
            assertEquals(List.of(
                    "MmioWrite uart THR <- 0x77665548 (4-byte store)",
                    "MmioWrite uart THR <- 0x169 (2-byte store)",
                    "MmioWrite uart THR <- 0x0a '\\n' (8-byte store)",
                    "MmioWrite uart SCR <- 0x80",
                    "MmioRead uart SCR -> 0x80",
                    "MmioRead uart SCR -> 0x80",
                    "MmioRead uart LSR -> 0x60 '`' (4-byte load)",
                    "MmioRead uart +0x20 (no register) -> 0x00 (8-byte load)",
                    "SystemDown SRST type 0 (shutdown) reason 0 (none)"), log);
        }
    }
}
