package dev.hvscope.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VirtDeviceTreeTest {

    @TempDir
    Path dir;

    private ExternalTool.Result dtc(byte[] blob) throws Exception {
        Path f = dir.resolve("virt-" + System.nanoTime() + ".dtb");
        Files.write(f, blob);
        return ExternalTool.run(List.of("dtc", "-I", "dtb", "-O", "dts", f.toString()));
    }

    private static List<String> problems(String stderr) {
        // QEMU's own tree draws this warning (cpu-intc without #address-cells); anything else is ours.
        return stderr.lines()
                .filter(l -> !l.isBlank() && !l.contains("interrupt_provider"))
                .toList();
    }

    @Test
    void dtc_acceptsTheTree_andFindsTheVirtNodes() throws Exception {
        Assumptions.assumeTrue(ExternalTool.available("dtc"));
        byte[] blob = new VirtDeviceTree().harts(2).ram(0x8000_0000L, 256L << 20)
                .bootargs("console=ttyS0 earlycon").initrd(0x8400_0000L, 0x8410_0000L).build();
        ExternalTool.Result r = dtc(blob);
        assertEquals(0, r.exitCode(), r.stderr());
        assertEquals(List.of(), problems(r.stderr()));
        Dts d = Dts.parse(r.stdout());

        assertTrue(d.props("/cpus").contains("timebase-frequency = <0x989680>;"));
        assertTrue(d.props("/cpus/cpu@1")
                .contains("riscv,isa = \"rv64imafdch_zicsr_zifencei_zihintpause_zba_zbb_zbc_zbs_sstc\";"));
        assertTrue(d.props("/cpus/cpu@1").contains("mmu-type = \"riscv,sv48\";"));
        assertTrue(d.props("/cpus/cpu@1/interrupt-controller").contains("compatible = \"riscv,cpu-intc\";"));
        assertTrue(d.props("/cpus/cpu-map/cluster0/core1").contains("cpu = <0x01>;"));
        assertTrue(d.props("/memory@80000000").contains("reg = <0x00 0x80000000 0x00 0x10000000>;"));
        assertTrue(d.props("/soc/clint@2000000")
                .contains("interrupts-extended = <0x04 0x03 0x04 0x07 0x02 0x03 0x02 0x07>;"));
        assertTrue(d.props("/soc/plic@c000000")
                .contains("interrupts-extended = <0x04 0x0b 0x04 0x09 0x02 0x0b 0x02 0x09>;"));
        assertTrue(d.props("/soc/plic@c000000").contains("riscv,ndev = <0x60>;"));
        assertTrue(d.props("/soc/serial@10000000").contains("compatible = \"ns16550a\";"));
        assertTrue(d.props("/soc/serial@10000000").contains("interrupts = <0x0a>;"));
        assertTrue(d.props("/soc/test@100000").contains("compatible = \"sifive,test1\\0sifive,test0\\0syscon\";"));
        assertTrue(d.props("/poweroff").contains("value = <0x5555>;"));
        assertTrue(d.props("/reboot").contains("value = <0x7777>;"));
        assertTrue(d.props("/flash@20000000").contains("bank-width = <0x04>;"));
        assertTrue(d.props("/chosen").contains("stdout-path = \"/soc/serial@10000000\";"));
        assertTrue(d.props("/chosen").contains("bootargs = \"console=ttyS0 earlycon\";"));
        assertTrue(d.props("/chosen").contains("linux,initrd-start = <0x84000000>;"));
        assertTrue(d.props("/chosen").contains("linux,initrd-end = <0x84100000>;"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void everyNodeWeEmit_matchesQemusOwnTree(int harts) throws Exception {
        Assumptions.assumeTrue(ExternalTool.available("dtc"));
        Assumptions.assumeTrue(ExternalTool.available("qemu-system-riscv64"));
        Path qemuDtb = dir.resolve("qemu.dtb");
        ExternalTool.Result q = ExternalTool.run(List.of("qemu-system-riscv64", "-machine",
                "virt,dumpdtb=" + qemuDtb, "-smp", String.valueOf(harts), "-display", "none", "-serial", "null", "-monitor", "none"));
        Assumptions.assumeTrue(Files.exists(qemuDtb), "qemu did not dump its tree: " + q.stderr());
        Dts qemu = Dts.parse(ExternalTool.run(List.of("dtc", "-I", "dtb", "-O", "dts", qemuDtb.toString())).stdout());
        Dts ours = Dts.parse(dtc(new VirtDeviceTree().harts(harts).build()).stdout());

        Set<String> randomInBoth = Set.of("rng-seed");
        for (var e : ours.nodes.entrySet()) {
            TreeSet<String> theirs = qemu.props(e.getKey());
            assertTrue(theirs != null, "QEMU has no node " + e.getKey());
            theirs.removeIf(p -> randomInBoth.stream().anyMatch(p::startsWith));
            e.getValue().removeIf(p -> randomInBoth.stream().anyMatch(p::startsWith));
            assertEquals(theirs, e.getValue(), "properties of " + e.getKey());
        }
    }

    @Test
    void rngSeed_is32FreshBytesPerBuild_asQemus() throws Exception {
        Assumptions.assumeTrue(ExternalTool.available("dtc"));
        String seedA = seed(Dts.parse(dtc(new VirtDeviceTree().build()).stdout()));
        String seedB = seed(Dts.parse(dtc(new VirtDeviceTree().build()).stdout()));
        assertTrue(seedA.matches("rng-seed = <(0x[0-9a-f]+ ){7}0x[0-9a-f]+>;"), seedA);
        assertFalse(seedA.equals(seedB), "two builds, one seed: " + seedA);
    }

    private static String seed(Dts d) {
        return d.props("/chosen").stream().filter(p -> p.startsWith("rng-seed")).findFirst().orElse("none");
    }

    /** Without H, QEMU 7.2 ({@code -cpu rv64,h=false}) drops only the "h". */
    @Test
    void isaWithoutH_matchesQemusWithHOff() throws Exception {
        Assumptions.assumeTrue(ExternalTool.available("dtc"));
        Assumptions.assumeTrue(ExternalTool.available("qemu-system-riscv64"));
        Path qemuDtb = dir.resolve("qemu-noh.dtb");
        ExternalTool.Result q = ExternalTool.run(List.of("qemu-system-riscv64", "-machine", "virt,dumpdtb=" + qemuDtb,
                "-cpu", "rv64,h=false", "-display", "none", "-serial", "null", "-monitor", "none"));
        Assumptions.assumeTrue(Files.exists(qemuDtb), "qemu did not dump its tree: " + q.stderr());
        Dts qemu = Dts.parse(ExternalTool.run(List.of("dtc", "-I", "dtb", "-O", "dts", qemuDtb.toString())).stdout());
        Dts ours = Dts.parse(dtc(new VirtDeviceTree().isa(VirtDeviceTree.isaString(false)).build()).stdout());
        assertEquals(qemu.props("/cpus/cpu@0"), ours.props("/cpus/cpu@0"));
    }

    @Test
    void flashBanks_listOnlyTheBanksPresent() throws Exception {
        Assumptions.assumeTrue(ExternalTool.available("dtc"));
        Dts one = Dts.parse(dtc(new VirtDeviceTree().flashBanks(false, true).build()).stdout());
        assertTrue(one.props("/flash@22000000").contains("reg = <0x00 0x22000000 0x00 0x2000000>;"));
        assertNull(one.props("/flash@20000000"));
        Dts none = Dts.parse(dtc(new VirtDeviceTree().flashBanks(false, false).build()).stdout());
        assertFalse(none.nodes.keySet().stream().anyMatch(p -> p.startsWith("/flash")));
    }

    @Test
    void fdtLoadAddress_matchesQemu72() {
        int size = 4222; // totalsize of QEMU's own packed tree; the address only moves with 2 MiB steps
        assertEquals(0x87e0_0000L, VirtDeviceTree.fdtLoadAddress(0x8000_0000L, 128L << 20, size));
        assertEquals(0xbfe0_0000L, VirtDeviceTree.fdtLoadAddress(0x8000_0000L, 1L << 30, size));
        assertEquals(0xbfe0_0000L, VirtDeviceTree.fdtLoadAddress(0x8000_0000L, 4L << 30, size));
        assertEquals(0x8fc0_0000L, VirtDeviceTree.fdtLoadAddress(0x8000_0000L, 256L << 20, 3 << 20));
    }
}
