package dev.hvscope.gdb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.debug.FullSystemDebuggee;
import dev.hvscope.core.machine.Bios;
import dev.hvscope.core.machine.LoadedImage;
import dev.hvscope.core.machine.MachineConfig;
import dev.hvscope.core.machine.PflashDrive;
import dev.hvscope.core.machine.SerialMode;
import dev.hvscope.core.machine.VirtMachine;
import dev.hvscope.gdb.rsp.Hex;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/** A stopped hv-passthrough machine (the bare-metal hypervisor example) behind a stub on a free port. */
final class StubFixture implements AutoCloseable {
    final VirtMachine machine;
    final FullSystemDebuggee target;
    final GdbServer server;
    final ByteArrayOutputStream console = new ByteArrayOutputStream();

    StubFixture() throws InterruptedException {
        this("hv-baremetal/hv-passthrough.elf");
    }

    StubFixture(String bios) throws InterruptedException {
        this(bios, 1);
    }

    StubFixture(String bios, int smp) throws InterruptedException {
        Path ex = examples();
        MachineConfig config = MachineConfig.builder()
                .smp(smp)
                .bios(Bios.file(ex.resolve(bios)))
                .pflash(new PflashDrive(1, ex.resolve("pflash/pflash.img"), true))
                .serial(SerialMode.STDIO)
                .build();
        machine = VirtMachine.create(config, null, console);
        target = new FullSystemDebuggee(machine);
        server = GdbServer.start(target, "127.0.0.1", 0, null);
    }

    static Path examples() {
        return Path.of(System.getProperty("hvscope.examples", "../examples")).toAbsolutePath().normalize();
    }

    static Path elf() {
        return examples().resolve("hv-baremetal/hv-passthrough.elf");
    }

    long symbol(String name) {
        for (LoadedImage img : machine.images()) {
            if (img.elf() != null && img.elf().address(name).isPresent()) {
                return img.elf().address(name).getAsLong();
            }
        }
        throw new AssertionError("no symbol " + name);
    }

    int port() {
        return server.port();
    }

    /** A raw client of this stub, in no-ack mode. */
    RspClient connectNoAck() throws IOException {
        RspClient c = new RspClient(port());
        c.request("QStartNoAckMode");
        return c;
    }

    /** Arms {@code hv catch npf} and continues: the stop at the guest's first nested page fault (pflash#1). */
    static void continueToFirstNpf(RspClient c) throws IOException {
        assertEquals("OK", c.request("qRcmd," + Hex.encode("hv catch npf")));
        c.send("c");
        assertTrue(c.readPacket().startsWith("O"), "the O line of the caught exit comes first");
        assertEquals("T05thread:p01.01;hvexit:npf;", c.readPacket());
    }

    @Override
    public void close() throws InterruptedException {
        target.interrupt();
        target.awaitStopped(5000);
        server.close();
        machine.close();
    }
}
