package dev.hvscope.gdb;

import dev.hvscope.core.debug.HostedDebuggee;
import dev.hvscope.core.hv.HostedMachine;
import dev.hvscope.core.hv.MappingFlags;
import dev.hvscope.core.hv.PflashMode;
import dev.hvscope.core.hv.Vm;
import dev.hvscope.core.hv.VmSpec;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * The pflash demo (examples/pflash: the pflash guest with 16 MiB of RAM, pflash#1 passthrough at GPA
 * 0x22000000) as a hosted VM behind a stub on a free port; the guest's console is kept.
 */
final class HostedStubFixture implements AutoCloseable {
    final ByteArrayOutputStream console = new ByteArrayOutputStream();
    final HostedDebuggee target;
    final GdbServer server;

    HostedStubFixture() throws InterruptedException {
        target = new HostedDebuggee(HostedMachine.create(pflashDemo(), console, null));
        server = GdbServer.start(target, "127.0.0.1", 0, null);
    }

    static Path guest() {
        return StubFixture.examples().resolve("pflash-guest/pflash-guest.elf");
    }

    /** The VM of examples/pflash/vm.toml, built by hand. */
    static VmSpec pflashDemo() {
        Path ex = StubFixture.examples();
        return new VmSpec("pflash-demo", 1, 0x8020_0000L, guest(), 0x8020_0000L, 0,
                List.of(new VmSpec.MemoryRegion(0x8000_0000L, 16L << 20, MappingFlags.RWXU, VmSpec.MapKind.ALLOC)),
                List.of(), List.of(),
                new VmSpec.Pflash(0x2200_0000L, 0x200_0000L, Vm.BOARD_PFLASH1, PflashMode.PASSTHROUGH,
                        ex.resolve("pflash/pflash.img"), ex.resolve("pflash/pflash-emulate.img")));
    }

    int port() {
        return server.port();
    }

    /** What the guest printed so far. */
    String consoleText() {
        return console.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        server.close();
    }
}
