package dev.hvscope.core.hv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.hart.Csr;
import dev.hvscope.core.hart.CsrTable;
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

/** SBI services seen from a small raw guest (vsatp Bare, so VA = GPA): BASE probe, TIME + WFI, DBCN. */
class SbiServicesVmTest {
    private static final int T0 = 5;
    private static final int S0 = 8;
    private static final int S1 = 9;
    private static final int A0 = 10;
    private static final int A1 = 11;
    private static final int A6 = 16;
    private static final int A7 = 17;

    @TempDir
    Path dir;
    private final List<Integer> code = new ArrayList<>();

    private void emit(int insn) {
        code.add(insn);
    }

    private void addi(int rd, int rs1, int imm) {
        emit((imm & 0xfff) << 20 | rs1 << 15 | rd << 7 | 0x13);
    }

    private void li(int rd, long value) {
        long hi = (value + 0x800) >> 12;
        long lo = value - (hi << 12);
        emit((int) (hi << 12) | rd << 7 | 0x37);
        addi(rd, rd, (int) lo);
    }

    private void rType(int f7, int rs2, int rs1, int rd) {
        emit(f7 << 25 | rs2 << 20 | rs1 << 15 | rd << 7 | 0x33);
    }

    private void csrrs(int rd, int csr, int rs1) {
        emit(csr << 20 | rs1 << 15 | 2 << 12 | rd << 7 | 0x73);
    }

    private void sbi(long eid, long fid, long a0) {
        li(A7, eid);
        li(A6, fid);
        li(A0, a0);
        emit(0x73);                              // ecall
    }

    private VmSpec spec() throws IOException {
        return spec(List.of());
    }

    private VmSpec spec(List<VmSpec.EmulatedDevice> devices) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(code.size() * 4).order(ByteOrder.LITTLE_ENDIAN);
        code.forEach(b::putInt);
        Path raw = dir.resolve("guest.bin");
        Files.write(raw, b.array());
        return new VmSpec("sbi", 1, 0x8020_0000L, raw, 0x8020_0000L, 0,
                List.of(new VmSpec.MemoryRegion(0x8000_0000L, 16L << 20, MappingFlags.RWXU, VmSpec.MapKind.ALLOC)),
                List.of(), devices, null);
    }

    @Test
    void probeTimerWfiAndDebugConsole_behaveAsTheSbiSpecSays() throws IOException {
        sbi(Sbi.EXT_BASE, 3, Sbi.EXT_TIME);      // probe TIME: a1 = 1
        addi(S0, A1, 0);
        sbi(Sbi.EXT_BASE, 3, 0x0abc);            // probe an unknown extension: a1 = 0
        addi(S1, A1, 0);
        csrrs(T0, Csr.TIME, 0);                  // rdtime t0
        li(12, 200_000);
        rType(0, 12, T0, T0);                    // t0 += 20 ms: long enough that WFI comes first
        li(A7, Sbi.EXT_TIME);
        li(A6, 0);
        addi(A0, T0, 0);
        emit(0x73);                              // set_timer(t0)
        li(T0, 1 << 5);
        csrrs(0, Csr.SIE, T0);                   // sie.STIE (vsie): the timer may wake WFI
        emit(0x1050_0073);                       // wfi: a Halt exit until the VS timer fires
        sbi(Sbi.EXT_DBCN, 2, 'k');               // console_write_byte
        li(A1, 1);
        rType(0, S1, A1, A1);                    // a1 = 1 + s1
        rType(0x20, S0, A1, A1);                 // a1 -= s0: 0 when both probes answered right
        li(A7, Sbi.EXT_SRST);
        li(A6, 0);
        li(A0, 0);
        emit(0x73);                              // system_reset(shutdown, a1)

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (HostedMachine host = HostedMachine.create(spec(), out, null)) {
            VmResult r = host.vm().run(1_000_000L, 5_000_000_000L);
            assertEquals(VmResult.Outcome.SYSTEM_DOWN, r.outcome(), r.message());
            assertEquals("k", out.toString(StandardCharsets.ISO_8859_1));
            List<String> kinds = new ArrayList<>();
            r.log().entries().forEach(e -> kinds.add(e.kind()));
            assertEquals(List.of("Hypercall", "Hypercall", "Hypercall"), kinds.subList(0, 3));
            assertEquals("Halt", kinds.get(3));
            assertEquals(List.of("Hypercall", "SystemDown"), kinds.subList(kinds.size() - 2, kinds.size()));
            assertTrue(kinds.subList(3, kinds.size() - 2).stream().allMatch("Halt"::equals), kinds.toString());
            long hvip = CsrTable.peek(host.vm().vcpu().hart(), Csr.HVIP);
            assertEquals(VCpu.HVIP_VSTIP, hvip & VCpu.HVIP_VSTIP, "the VS timer fired");
        }
    }

    @Test
    void emulatedDeviceAccesses_decodeFromHtinst_includingCompressedStores() throws IOException {
        li(T0, 0x1000_0000L);
        li(A0, 0x1234_5678L);
        emit(0 << 25 | A0 << 20 | T0 << 15 | 2 << 12 | 4 << 7 | 0x23);   // sw a0, 4(t0)
        emit(3 << 20 | T0 << 15 | 0 << 12 | A1 << 7 | 0x03);             // lb a1, 3(t0)
        li(S0, 0x1000_0000L);
        li(S1, 0x55);
        emit(0x0001_C004);                                                 // c.sw s1, 0(s0); c.nop
        li(A7, Sbi.EXT_SRST);
        li(A6, 0);
        li(A0, 0);
        emit(0x73);                                                        // reason = a1 (0 if the read gave 0)
        try (HostedMachine host = HostedMachine.create(
                spec(List.of(new VmSpec.EmulatedDevice("dev", 0x1000_0000L, 0x1000))), new ByteArrayOutputStream(), null)) {
            VmResult r = host.vm().run(1_000_000L, 0);
            assertEquals(VmResult.Outcome.SYSTEM_DOWN, r.outcome(), r.message());
            List<ExitLog.Entry> e = r.log().entries();
            assertEquals(new VmExit.MmioWrite(0x8020_0010L, 0x1000_0004L, 4, 0x1234_5678L, 4), e.get(0).exit());
            assertEquals(new VmExit.MmioRead(0x8020_0014L, 0x1000_0003L, 1, A1, true, 4), e.get(1).exit());
            assertEquals(new VmExit.MmioWrite(0x8020_0028L, 0x1000_0000L, 4, 0x55, 2), e.get(2).exit());
            assertTrue(e.get(3).exit() instanceof VmExit.SystemDown);
        }
    }

    @Test
    void wfiWithNoTimer_endsAsHalted() throws IOException {
        emit(0x1050_0073);
        try (HostedMachine host = HostedMachine.create(spec(), new ByteArrayOutputStream(), null)) {
            VmResult r = host.vm().run(1_000_000L, 0);
            assertEquals(VmResult.Outcome.HALTED, r.outcome());
            assertEquals("guest waits (WFI) at pc 0x80200000 with no timer set: nothing can wake it", r.message());
            assertEquals(4, r.exitStatus());
        }
    }
}
