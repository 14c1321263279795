package dev.hvscope.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchLinuxTableTest {
    private static final List<String> HV = List.of("./hvscope", "-smp", "1", "-append", "console=ttyS0 quiet");
    private static final List<String> QEMU = List.of("qemu-system-riscv64", "-smp", "1");

    @Test
    void table_showsMinMedianAndRatioPerHartCount_andTheCommands() {
        String t = BenchLinuxTable.format("/cache/linux-x", 3, List.of(
                new BenchLinuxTable.Row(1, List.of(30.0, 20.0, 25.0), List.of(1.0, 0.8, 0.9), 1_234_567, HV, QEMU)), null, "3.10 2.00 1.50");
        assertTrue(t.startsWith("hvscope bench linux: Linux 6.1 + initramfs (/cache/linux-x) to power-off,\n"
                + "whole process (JVM start included), 3 runs each, -m 512M, host load 3.10 2.00 1.50\n"), t);
        assertTrue(t.contains("1     hvscope       20.00     25.00       1,234,567\n"), t);
        assertTrue(t.contains("1     qemu           0.80      0.90\n"), t);
        assertTrue(t.contains("1     hv/qemu       25.0x     27.8x\n"), t);
        assertTrue(t.contains("  ./hvscope -smp 1 -append 'console=ttyS0 quiet'\n  qemu-system-riscv64 -smp 1\n"), t);
    }

    @Test
    void table_withoutQemuSaysWhy_andUncountedInstructionsShowADash() {
        String t = BenchLinuxTable.format("d", 1, List.of(new BenchLinuxTable.Row(2, List.of(9.0), List.of(), -1, HV, null)),
                "--no-qemu", "");
        assertTrue(t.contains("1 run each, -m 512M\n"), t);
        assertTrue(t.contains("2     hvscope        9.00      9.00               -\n"), t);
        assertTrue(t.contains("2     qemu      not run: --no-qemu\n"), t);
    }

    @Test
    void median_ofAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, BenchLinuxTable.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }

    @Test
    void shell_keepsALeadingAssignmentAnAssignment() {
        assertEquals("HVSCOPE_JAVA_OPTS='-Xmx1g -Dhvscope.jit=false' ./hvscope -m 512M",
                BenchLinuxTable.shell(List.of("HVSCOPE_JAVA_OPTS=-Xmx1g -Dhvscope.jit=false", "./hvscope", "-m", "512M")));
    }
}
