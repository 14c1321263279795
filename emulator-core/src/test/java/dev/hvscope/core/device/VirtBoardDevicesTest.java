package dev.hvscope.core.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.bus.VirtMemoryMap;
import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;

/** All devices placed on a bus at the virt addresses, reached through physical addresses. */
class VirtBoardDevicesTest {
    @Test
    void devices_fitTheVirtMapWithoutOverlap_andAnswerThroughTheBus() {
        FakeHartInterrupts irq = new FakeHartInterrupts();
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int[] exit = {-1};
        Bus bus = new Bus(new Ram(VirtMemoryMap.DRAM_BASE, 1 << 20));
        Plic plic = new Plic(1, irq);
        byte[] fdt = new VirtDeviceTree().build();
        long fdtAddr = VirtDeviceTree.fdtLoadAddress(VirtMemoryMap.DRAM_BASE, 1 << 20, fdt.length);
        bus.attach(VirtMemoryMap.MROM_BASE, new Mrom(ResetVector.build(VirtMemoryMap.DRAM_BASE, fdtAddr, 0, 1, 0)));
        bus.attach(VirtMemoryMap.TEST_BASE, new SifiveTest(new SystemControl() {
            @Override
            public void powerOff(int exitCode) {
                exit[0] = exitCode;
            }

            @Override
            public void reset() {
            }
        }));
        bus.attach(VirtMemoryMap.CLINT_BASE, new Clint(1, () -> 0, irq));
        bus.attach(VirtMemoryMap.PLIC_BASE, plic);
        bus.attach(VirtMemoryMap.UART0_BASE, new Uart16550(console, plic.line(VirtMemoryMap.UART0_IRQ)));
        bus.attach(VirtMemoryMap.FLASH0_BASE, new CfiFlash(null, false, VirtMemoryMap.FLASH_BANK_SIZE));
        bus.attach(VirtMemoryMap.FLASH1_BASE, new CfiFlash(null, false, VirtMemoryMap.FLASH_BANK_SIZE));

        assertEquals(0x00000297L, bus.read(0x1000, 4));
        assertEquals(fdtAddr, bus.read(0x1020, 8));
        bus.write(VirtMemoryMap.PLIC_BASE + 4 * 10, 4, 1);
        bus.write(VirtMemoryMap.PLIC_BASE + 0x2000, 4, 1 << 10);
        bus.write(VirtMemoryMap.UART0_BASE + 1, 1, Uart16550.IER_ETBEI);
        assertTrue(irq.pending(0, HartInterrupts.MEIP), "UART THR-empty reaches MEIP through the PLIC");
        assertEquals(10, bus.read(VirtMemoryMap.PLIC_BASE + 0x200004, 4));
        bus.write(VirtMemoryMap.UART0_BASE, 1, 'k');
        bus.write(VirtMemoryMap.UART0_BASE, 1, '\n');
        assertEquals("k\n", console.toString());
        bus.write(VirtMemoryMap.FLASH1_BASE, 4, 0x00900090);
        assertEquals(0x00890089L, bus.read(VirtMemoryMap.FLASH1_BASE, 4));
        bus.write(VirtMemoryMap.CLINT_BASE + 0x4000, 8, 5);
        assertEquals(5, bus.read(VirtMemoryMap.CLINT_BASE + 0x4000, 8));
        bus.write(VirtMemoryMap.TEST_BASE, 4, (3 << 16) | 0x3333);
        assertEquals(3, exit[0]);
    }
}
