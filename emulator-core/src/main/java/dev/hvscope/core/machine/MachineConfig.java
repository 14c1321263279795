package dev.hvscope.core.machine;

import dev.hvscope.core.bus.VirtMemoryMap;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Everything needed to build a {@code virt} machine, as the QEMU-style command line gives it.
 * Immutable and checked on construction: a config that exists is one the machine can be built
 * from, except for files that may be missing or malformed (found when they are loaded).
 *
 * @param smp         number of harts, 1..{@value #MAX_SMP}
 * @param ramSize     bytes of RAM at 0x8000_0000, a multiple of 4 KiB up to {@link #MAX_RAM_SIZE}
 * @param hExtension  whether misa.H is set (the H extension is on)
 * @param bios        firmware: none, the system OpenSBI, or a file
 * @param kernel      {@code -kernel} image (ELF or raw), or null
 * @param append      {@code -append} kernel command line (goes to /chosen/bootargs), or null
 * @param initrd      {@code -initrd} file, or null
 * @param pflash      pflash drives, at most one per unit
 * @param serial      where the UART goes
 * @param gdb         where the GDB stub listens, or null for no stub
 * @param waitForGdb  {@code -S}: do not start the harts until the debugger says so
 * @param traceFlags  {@code -d} flags, each a {@link TraceFlag#flagName()}
 * @param logFile     {@code -D} file for trace output, or null for stderr
 */
public record MachineConfig(
        int smp,
        long ramSize,
        boolean hExtension,
        Bios bios,
        Path kernel,
        String append,
        Path initrd,
        List<PflashDrive> pflash,
        SerialMode serial,
        GdbEndpoint gdb,
        boolean waitForGdb,
        Set<String> traceFlags,
        Path logFile) {

    public static final int MAX_SMP = 8;
    /** A limit of the host, not of the board: RAM is one Java heap allocation. */
    public static final long MAX_RAM_SIZE = 16L << 30;

    public MachineConfig {
        Objects.requireNonNull(bios, "bios");
        Objects.requireNonNull(serial, "serial");
        if (smp < 1 || smp > MAX_SMP) {
            throw new MachineException("smp " + smp + " is not in 1.." + MAX_SMP);
        }
        if (ramSize <= 0 || (ramSize & 0xfff) != 0) {
            throw new MachineException("RAM size " + ramSize + " is not a positive multiple of 4 KiB");
        }
        if (ramSize > MAX_RAM_SIZE) {
            throw new MachineException("RAM size " + (ramSize >> 20) + " MiB exceeds hvscope's limit of "
                    + (MAX_RAM_SIZE >> 20) + " MiB");
        }
        if (kernel == null && append != null) {
            throw new MachineException("-append only allowed with -kernel option");
        }
        if (kernel == null && initrd != null) {
            throw new MachineException("-initrd only allowed with -kernel option");
        }
        pflash = List.copyOf(pflash);
        boolean[] used = new boolean[PflashDrive.UNITS];
        for (PflashDrive d : pflash) {
            if (used[d.unit()]) {
                throw new MachineException("pflash unit " + d.unit() + " is given twice");
            }
            used[d.unit()] = true;
        }
        traceFlags = Set.copyOf(traceFlags);
        for (String f : traceFlags) {
            if (TraceFlag.fromName(f) == null) {
                throw new MachineException("unknown trace flag '" + f + "' (see -d help)");
            }
        }
        if (waitForGdb && gdb == null) {
            throw new MachineException("-S needs a GDB stub to wait for (add -s or -gdb tcp::PORT)");
        }
    }

    /** QEMU's defaults for {@code -machine virt -cpu rv64}: 1 hart, 128 MiB, H on, OpenSBI. */
    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.smp = smp;
        b.ramSize = ramSize;
        b.hExtension = hExtension;
        b.bios = bios;
        b.kernel = kernel;
        b.append = append;
        b.initrd = initrd;
        b.pflash.addAll(pflash);
        b.serial = serial;
        b.gdb = gdb;
        b.waitForGdb = waitForGdb;
        b.traceFlags.addAll(traceFlags);
        b.logFile = logFile;
        return b;
    }

    /** Whether {@code -d} named this flag. */
    public boolean traces(TraceFlag flag) {
        return traceFlags.contains(flag.flagName());
    }

    /** The drive of a pflash unit, or null when the bank is left erased. */
    public PflashDrive pflash(int unit) {
        for (PflashDrive d : pflash) {
            if (d.unit() == unit) {
                return d;
            }
        }
        return null;
    }

    /** Collects the options; {@link #build()} checks them all at once. */
    public static final class Builder {
        private int smp = 1;
        private long ramSize = VirtMemoryMap.DEFAULT_RAM_SIZE;
        private boolean hExtension = true;
        private Bios bios = Bios.DEFAULT;
        private Path kernel;
        private String append;
        private Path initrd;
        private final List<PflashDrive> pflash = new ArrayList<>();
        private SerialMode serial = SerialMode.MON_STDIO;
        private GdbEndpoint gdb;
        private boolean waitForGdb;
        private final Set<String> traceFlags = new LinkedHashSet<>();
        private Path logFile;

        private Builder() {
        }

        public Builder smp(int n) {
            smp = n;
            return this;
        }

        public Builder ramSize(long bytes) {
            ramSize = bytes;
            return this;
        }

        public Builder hExtension(boolean on) {
            hExtension = on;
            return this;
        }

        public Builder bios(Bios b) {
            bios = b;
            return this;
        }

        public Builder kernel(Path p) {
            kernel = p;
            return this;
        }

        public Builder append(String s) {
            append = s;
            return this;
        }

        public Builder initrd(Path p) {
            initrd = p;
            return this;
        }

        /** Adds a drive; a later drive for the same unit is an error at {@link #build()}. */
        public Builder pflash(PflashDrive d) {
            pflash.add(Objects.requireNonNull(d));
            return this;
        }

        public Builder serial(SerialMode m) {
            serial = m;
            return this;
        }

        public Builder gdb(GdbEndpoint e) {
            gdb = e;
            return this;
        }

        public Builder waitForGdb(boolean w) {
            waitForGdb = w;
            return this;
        }

        public Builder traceFlag(String flag) {
            traceFlags.add(flag);
            return this;
        }

        public Builder traceFlag(TraceFlag flag) {
            return traceFlag(flag.flagName());
        }

        public Builder logFile(Path p) {
            logFile = p;
            return this;
        }

        public MachineConfig build() {
            return new MachineConfig(smp, ramSize, hExtension, bios, kernel, append, initrd, pflash, serial, gdb,
                    waitForGdb, traceFlags, logFile);
        }
    }
}
