package dev.hvscope.core.hv;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** The h_2_0 pflash demo as a VmSpec, and a runner that captures the guest console. */
final class PflashDemo {
    static final long GUEST_RAM = 0x8000_0000L;
    static final long PFLASH_GPA = 0x2200_0000L;
    static final String LINES = "Try to access dev region [0xffffffc022000000], got 0x646c6670\n"
            + "Got pflash magic: pfld\n";
    static final String PASSTHROUGH_OUT = LINES + "pflash payload: hvscope pflash payload\n";
    static final String EMULATE_OUT = LINES + "pflash payload: emulated by hvscope from pflash-emulate.img\n";

    private PflashDemo() {
    }

    static Path examples() {
        return Path.of(System.getProperty("hvscope.examples", "../examples")).toAbsolutePath().normalize();
    }

    static VmSpec spec(String guest, PflashMode mode) {
        Path ex = examples();
        return new VmSpec("pflash-demo", 1, 0x8020_0000L, ex.resolve("pflash-guest/" + guest), 0x8020_0000L, 0,
                List.of(new VmSpec.MemoryRegion(GUEST_RAM, 16L << 20, MappingFlags.RWXU, VmSpec.MapKind.ALLOC)),
                List.of(), List.of(),
                new VmSpec.Pflash(PFLASH_GPA, 0x200_0000L, Vm.BOARD_PFLASH1, mode, ex.resolve("pflash/pflash.img"),
                        ex.resolve("pflash/pflash-emulate.img")));
    }

    record Run(String output, VmResult result, HostedMachine host) {
    }

    /** Builds and runs; the caller closes run.host(). */
    static Run run(VmSpec spec, long maxInsns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HostedMachine host = HostedMachine.create(spec, out, null);
        VmResult r = host.vm().run(maxInsns, 0);
        return new Run(out.toString(StandardCharsets.ISO_8859_1), r, host);
    }
}
