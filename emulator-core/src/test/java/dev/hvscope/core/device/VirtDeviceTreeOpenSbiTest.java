package dev.hvscope.core.device;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our tree handed to the real QEMU board in place of its own ({@code -dtb}): OpenSBI must find the
 * console, CLINT (IPI and timer) and sifive_test through it, as it does with QEMU's tree.
 */
class VirtDeviceTreeOpenSbiTest {
    @TempDir
    Path dir;

    @Test
    void openSbiOnQemu_bootsWithOurTree_andFindsEveryDevice() throws Exception {
        Assumptions.assumeTrue(ExternalTool.available("qemu-system-riscv64"));
        Path dtb = dir.resolve("hvscope-virt.dtb");
        Files.write(dtb, new VirtDeviceTree().harts(2).build());
        Process p = new ProcessBuilder("qemu-system-riscv64", "-machine", "virt", "-smp", "2", "-m", "128M",
                "-dtb", dtb.toString(), "-bios", "default", "-display", "none", "-serial", "stdio",
                "-monitor", "none").redirectErrorStream(true).start();
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                byte[] buf = new byte[4096];
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (out) {
                        out.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                    }
                }
            } catch (java.io.IOException e) {
                // process ended
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        try {
            while (System.nanoTime() < deadline) {
                synchronized (out) {
                    if (out.indexOf("Boot HART MEDELEG") >= 0) {
                        break;
                    }
                }
                Thread.sleep(50);
            }
        } finally {
            p.destroy();
            p.waitFor(5, TimeUnit.SECONDS);
            p.destroyForcibly();
            reader.join(5000);
        }
        String log;
        synchronized (out) {
            log = out.toString();
        }
        Assumptions.assumeTrue(log.contains("OpenSBI"), "no OpenSBI firmware in this QEMU: " + log);
        assertTrue(log.contains("Platform Name             : riscv-virtio,qemu"), log);
        assertTrue(log.contains("Platform HART Count       : 2"), log);
        assertTrue(log.contains("Platform IPI Device       : aclint-mswi"), log);
        assertTrue(log.contains("Platform Timer Device     : aclint-mtimer @ 10000000Hz"), log);
        assertTrue(log.contains("Platform Console Device   : uart8250"), log);
        assertTrue(log.contains("Platform Shutdown Device  : sifive_test"), log);
        assertTrue(log.contains("Boot HART Base ISA        : rv64imafdch"), log);
    }
}
