package dev.hvscope.plugin.dap;

import dev.hvscope.core.debug.HostedDebuggee;
import dev.hvscope.core.hv.HostedMachine;
import dev.hvscope.core.hv.MappingFlags;
import dev.hvscope.core.hv.PflashMode;
import dev.hvscope.core.hv.Vm;
import dev.hvscope.core.hv.VmSpec;
import dev.hvscope.gdb.GdbServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.StoppedEventArguments;

/**
 * The pflash demo (examples/pflash: 16 MiB of guest RAM, pflash#1 passthrough at GPA 0x22000000) as
 * a hosted VM under hvscope's stub, and a client of a fresh adapter; the VM's console is kept.
 */
public final class HostedDapSession extends DapSession {
    /** The demo's guest: examples/pflash-guest/pflash-guest.elf. */
    public static final Path GUEST = Qemu.examples().resolve("pflash-guest/pflash-guest.elf");
    /** The pflash window of examples/pflash/vm.toml: 32 MiB. */
    public static final long PFLASH_WINDOW = 0x200_0000L;

    public final ByteArrayOutputStream console;
    final HostedMachine host;

    private HostedDapSession(ByteArrayOutputStream console, HostedMachine host, GdbServer stub) throws Exception {
        super(stub, null);
        this.console = console;
        this.host = host;
    }

    /** The demo with its own guest, not attached yet. */
    static HostedDapSession start() throws Exception {
        return start(GUEST, PFLASH_WINDOW);
    }

    /** The demo VM running guest, with a pflash window of that size, not attached yet. */
    public static HostedDapSession start(Path guest, long pflashWindow) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        HostedMachine host = HostedMachine.create(pflashDemo(guest, pflashWindow), console, null);
        return new HostedDapSession(console, host, GdbServer.start(new HostedDebuggee(host), "127.0.0.1", 0, null));
    }

    /** The VM of examples/pflash/vm.toml, built by hand, with guest as its kernel. */
    static VmSpec pflashDemo(Path guest, long pflashWindow) {
        Path ex = Qemu.examples();
        return new VmSpec("pflash-demo", 1, 0x8020_0000L, guest, 0x8020_0000L, 0,
                List.of(new VmSpec.MemoryRegion(0x8000_0000L, 16L << 20, MappingFlags.RWXU, VmSpec.MapKind.ALLOC)),
                List.of(), List.of(),
                new VmSpec.Pflash(0x2200_0000L, pflashWindow, Vm.BOARD_PFLASH1, PflashMode.PASSTHROUGH,
                        ex.resolve("pflash/pflash.img"), ex.resolve("pflash/pflash-emulate.img")));
    }

    /** Attaches (after initialize) with the guest's ELF under the given key ("elf" or "program"); answers the entry stop. */
    StoppedEventArguments attachAtEntry(String elfKey) throws Exception {
        attach(Map.of(elfKey, GUEST.toString()));
        return configurationDone();
    }

    /** What the guest printed so far. */
    public String consoleText() {
        return console.toString(StandardCharsets.ISO_8859_1);
    }
}
