package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Several harts share counters through AMOs and LR/SC and wake each other with CLINT IPIs. */
class SmpTest {
    private static final Path ELF = GuestRun.examples().resolve("smp/test_smp.elf");

    private static GuestRun.Result run(int harts) {
        return GuestRun.run(MachineConfig.builder().smp(harts).bios(Bios.NONE).kernel(ELF)
                .serial(SerialMode.STDIO).build(), 400_000_000L);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8})
    void everyHart_countsAtomicallyAndAnswersItsIpi(int harts) {
        GuestRun.Result r = run(harts);
        assertTrue(r.poweredOff(), r.output());
        assertEquals("test_smp: harts " + harts + " amo " + harts * 20000 + " lr/sc " + harts * 20000
                + " ipi acks " + (harts - 1) + "\ntest_smp: PASS\n", r.output());
        assertEquals(0, r.exitStatus());
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 4})
    void smpRun_printsWhatQemuPrints(int harts) throws Exception {
        assumeTrue(QemuRunner.available(), "qemu-system-riscv64 is not installed");
        QemuRunner.Result q = QemuRunner.run(List.of("-smp", Integer.toString(harts), "-bios", "none",
                "-kernel", ELF.toString()), 30);
        assertEquals(q.output(), run(harts).output());
    }
}
