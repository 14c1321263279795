package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.ThreadMXBean;
import dev.hvscope.core.hart.jit.Jit;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** The hot path allocates nothing: ten million interpreted instructions of a real program. */
class InterpreterAllocationTest {
    @Test
    void tenMillionInterpretedInstructions_allocateNothingPerInstruction() {
        boolean wasOn = Jit.isEnabled();
        Jit.setEnabled(false);
        try {
            MachineConfig config = MachineConfig.builder().bios(Bios.NONE)
                    .kernel(GuestRun.examples().resolve("bench/bench_int_small.elf")).serial(SerialMode.STDIO).build();
            try (VirtMachine m = VirtMachine.create(config, null, OutputStream.nullOutputStream())) {
                m.runFor(5_000_000L);   // warm-up: class loading, decode cache, TLB
                ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
                long before = threads.getCurrentThreadAllocatedBytes();
                long retiredBefore = m.instructionsRetired();
                m.runFor(10_000_000L);
                long allocated = threads.getCurrentThreadAllocatedBytes() - before;
                long retired = m.instructionsRetired() - retiredBefore;
                assertTrue(retired >= 10_000_000L, "retired " + retired);
                // A few objects per batch boundary at most (devices, timers): far below one byte per instruction.
                assertTrue(allocated < 64 * 1024, allocated + " bytes allocated over " + retired + " instructions");
            }
        } finally {
            Jit.setEnabled(wasOn);
        }
    }
}
