package dev.hvscope.core.machine;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import dev.hvscope.core.bus.VirtMemoryMap;
import dev.hvscope.core.device.CfiFlash;
import dev.hvscope.core.device.Clint;
import dev.hvscope.core.device.HartInterrupts;
import dev.hvscope.core.device.Mrom;
import dev.hvscope.core.device.Plic;
import dev.hvscope.core.device.ResetVector;
import dev.hvscope.core.device.SifiveTest;
import dev.hvscope.core.device.SystemControl;
import dev.hvscope.core.device.Uart16550;
import dev.hvscope.core.device.VirtDeviceTree;
import dev.hvscope.core.hart.Executor;
import dev.hvscope.core.hart.CodeCache;
import dev.hvscope.core.hart.Hart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The QEMU {@code virt} board: harts, RAM, MROM reset vector, CLINT, PLIC, UART, sifive_test and two
 * CFI flash banks, assembled from a {@link MachineConfig} and booted the way QEMU boots it.
 *
 * <p>Harts are interleaved on the calling thread in batches (deterministic, no locking); a hart's
 * LR reservation is dropped whenever another hart runs. When every hart waits in WFI the machine
 * sleeps until the next timer deadline or console input.
 */
public final class VirtMachine implements AutoCloseable {
    /** Instructions per hart between device updates and interrupt checks. */
    static final int BATCH = 10_000;
    /** Instructions a hart runs before the next hart's turn (see {@link #setBatch}). */
    private int batch = BATCH;
    /** The hart a round starts with (0 unless a debugger stop ended the last round early). */
    private int firstHart;
    private static final long MAX_IDLE_NANOS = 20_000_000L;

    private final MachineConfig config;
    private final Bus bus;
    private final Hart[] harts;
    private final Clint clint;
    private final Plic plic;
    private final Uart16550 uart;
    private final CfiFlash[] flash = new CfiFlash[2];
    private final List<LoadedImage> images = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Object wakeup = new Object();
    private final InputStream consoleIn;
    /** The CLINT's 10 MHz tick source (mtime = ticks + the guest's offset); stands still while paused. */
    private final MachineClock ticks = new MachineClock();
    private final TraceLogger trace;
    private long startAddress;
    private volatile boolean poweredOff;
    private volatile boolean stopRequested;
    private boolean resetRequested;
    private int exitStatus;

    private VirtMachine(MachineConfig config, InputStream in, OutputStream out) {
        this.config = config;
        this.consoleIn = in;
        this.bus = new Bus(new Ram(VirtMemoryMap.DRAM_BASE, config.ramSize()));
        this.harts = new Hart[config.smp()];
        HartInterrupts lines = (hartId, bit, level) -> harts[hartId].setInterruptLine(bit, level);
        this.clint = new Clint(config.smp(), ticks, lines);
        this.plic = new Plic(config.smp(), lines);
        this.uart = new Uart16550(out, plic.line(VirtMemoryMap.UART0_IRQ));
        uart.setInputListener(this::wake);
        this.trace = new TraceLogger(config);
        CodeCache code = new CodeCache(bus.ram());   // harts share decoded code (they run on one thread)
        for (int i = 0; i < harts.length; i++) {
            harts[i] = new Hart(i, bus, config.hExtension(), clint::mtime, code);
            if (trace.any()) {
                harts[i].setObserver(trace);
            }
        }
    }

    /** A machine whose console is the process's stdin/stdout (as {@code -serial stdio}). */
    public static VirtMachine create(MachineConfig config) throws MachineException {
        boolean console = config.serial() != SerialMode.NONE;
        return create(config, console ? System.in : null,
                console ? new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true)
                        : OutputStream.nullOutputStream());
    }

    /** A machine with the given console streams (input may be null). */
    public static VirtMachine create(MachineConfig config, InputStream in, OutputStream out)
            throws MachineException {
        VirtMachine m = new VirtMachine(config, in, out);
        try {
            m.attachDevices();
            m.loadImages();
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
        return m;
    }

    /** Room the emulator itself needs in the heap besides guest RAM (decode caches, images, devices). */
    static final long HEAP_HEADROOM = 256L << 20;

    /**
     * Guest RAM lives in the JVM heap, allocated as the guest touches it: a guest given more than the
     * heap can hold runs until it touches too much, then dies with OutOfMemoryError. Says so up front.
     */
    static String heapNote(long ramSize, long maxHeap) {
        if (maxHeap == Long.MAX_VALUE || ramSize + HEAP_HEADROOM <= maxHeap) {
            return null;
        }
        return String.format("guest RAM (%d MiB) is more than the JVM heap can hold (max %d MiB); a guest that touches"
                + " it all stops with OutOfMemoryError (./hvscope sizes the heap from -m; else pass -Xmx)",
                ramSize >> 20, maxHeap >> 20);
    }

    private void attachDevices() {
        String heap = heapNote(config.ramSize(), Runtime.getRuntime().maxMemory());
        if (heap != null) {
            notes.add(heap);
        }
        SystemControl control = new SystemControl() {
            @Override
            public void powerOff(int exitCode) {
                exitStatus = exitCode;
                poweredOff = true;
                stopHarts();
            }

            @Override
            public void reset() {
                resetRequested = true;
                stopHarts();
            }
        };
        bus.attach(VirtMemoryMap.TEST_BASE, new SifiveTest(control));
        bus.attach(VirtMemoryMap.CLINT_BASE, clint);
        bus.attach(VirtMemoryMap.PLIC_BASE, plic);
        bus.attach(VirtMemoryMap.UART0_BASE, uart);
        for (int unit = 0; unit < 2; unit++) {
            PflashDrive drive = config.pflash(unit);
            try {
                flash[unit] = drive == null
                        ? new CfiFlash(null, false, VirtMemoryMap.FLASH_BANK_SIZE)
                        : new CfiFlash(drive.file(), drive.readOnly(), VirtMemoryMap.FLASH_BANK_SIZE);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                throw new MachineException("pflash unit " + unit + ": " + e.getMessage());
            }
            flash[unit].note().ifPresent(notes::add);
            bus.attach(unit == 0 ? VirtMemoryMap.FLASH0_BASE : VirtMemoryMap.FLASH1_BASE, flash[unit]);
        }
    }

    /** Loads firmware, kernel, initrd and the device tree, and writes the reset vector (QEMU's virt_machine_done). */
    private void loadImages() {
        PhysicalWriter memory = new BusPhysicalWriter(bus);
        Path firmware = config.bios().resolve();
        long kernelStart = VirtMemoryMap.DRAM_BASE;
        if (firmware != null) {
            LoadedImage fw = ImageLoader.load(firmware, VirtMemoryMap.DRAM_BASE, memory);
            images.add(fw);
            // QEMU puts the kernel at the first 2 MiB boundary after the firmware (RV64).
            kernelStart = (fw.highAddress() + (2L << 20) - 1) & -(2L << 20);
        }
        long kernelEntry = 0;
        long kernelEnd = kernelStart;
        if (config.kernel() != null) {
            LoadedImage k = ImageLoader.load(config.kernel(), kernelStart, memory);
            images.add(k);
            kernelEntry = k.entry();
            kernelEnd = k.highAddress();
        }
        long initrdStart = 0;
        long initrdEnd = 0;
        if (config.initrd() != null) {
            long ramEnd = VirtMemoryMap.DRAM_BASE + config.ramSize();
            initrdStart = Math.max(kernelEnd, VirtMemoryMap.DRAM_BASE + Math.min(config.ramSize() / 2, 128L << 20));
            initrdStart = (initrdStart + 0xfff) & ~0xfffL;
            LoadedImage rd = ImageLoader.loadRaw(config.initrd(), initrdStart, memory);
            images.add(rd);
            initrdEnd = rd.highAddress();
            if (initrdEnd > ramEnd) {
                throw new MachineException("initrd " + config.initrd() + " does not fit in RAM");
            }
        }
        startAddress = config.pflash(0) != null ? VirtMemoryMap.FLASH0_BASE : VirtMemoryMap.DRAM_BASE;
        VirtDeviceTree tree = new VirtDeviceTree()
                .harts(config.smp())
                .ram(VirtMemoryMap.DRAM_BASE, config.ramSize())
                .isa(VirtDeviceTree.isaString(config.hExtension()))
                .mmuType("riscv,sv48")
                .flashBanks(true, true);
        if (config.append() != null) {
            tree.bootargs(config.append());
        }
        if (config.initrd() != null) {
            tree.initrd(initrdStart, initrdEnd);
        }
        byte[] fdt = tree.build();
        long fdtAddress = VirtDeviceTree.fdtLoadAddress(VirtMemoryMap.DRAM_BASE, config.ramSize(), fdt.length);
        memory.write(fdtAddress, fdt, 0, fdt.length);
        if (bus.findDevice(VirtMemoryMap.MROM_BASE, 4) == null) {
            byte[] rom = ResetVector.build(startAddress, fdtAddress, kernelEntry, ResetVector.NEXT_MODE_S, 0);
            bus.attach(VirtMemoryMap.MROM_BASE, new Mrom(rom, VirtMemoryMap.MROM_SIZE));
        }
        resetHarts();
    }

    private void resetHarts() {
        for (Hart h : harts) {
            h.reset(VirtMemoryMap.MROM_BASE);
        }
        clint.reset();
    }

    public MachineConfig config() {
        return config;
    }

    public Bus bus() {
        return bus;
    }

    public Hart hart(int index) {
        return harts[index];
    }

    public int hartCount() {
        return harts.length;
    }

    /** Images loaded at boot (firmware, kernel, initrd), with their ELF symbols when they had some. */
    public List<LoadedImage> images() {
        return List.copyOf(images);
    }

    /** Notes for the user from building the board (e.g. a padded pflash image). */
    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Runs until the guest powers the machine off or {@link #requestStop()}; returns the exit status. */
    public int run() {
        startConsoleReader();
        while (!poweredOff && !stopRequested) {
            step();
        }
        uart.flush();
        return exitStatus;
    }

    /**
     * Runs every hart for at most {@code limit} more instructions in total (for tests and
     * benchmarks with a budget); returns true if the machine powered off.
     */
    public boolean runFor(long limit) {
        return runFor(limit, Long.MAX_VALUE);
    }

    /**
     * As {@link #runFor(long)}, also ending after {@code wallNanos} of real time, or at once when
     * every hart waits in WFI with no timer armed and no console (nothing can ever wake it).
     */
    public boolean runFor(long limit, long wallNanos) {
        long target = instructionsRetired() + limit;
        long start = System.nanoTime();
        while (!poweredOff && !stopRequested && instructionsRetired() < target
                && System.nanoTime() - start < wallNanos) {
            if (step() == Idle.FOREVER) {
                break;
            }
        }
        uart.flush();
        return poweredOff;
    }

    /**
     * Debugger hook: one round (a batch on each hart, then devices), for a debugger's run loop that
     * checks its stop conditions between rounds. Harts end their batch early at a breakpoint, a
     * watchpoint, a caught trap or {@link Hart#endBatch()}.
     *
     * @return true when every hart waits with nothing that could wake it (the caller may pause)
     */
    public boolean runRound() {
        startConsoleReader();
        Idle idle = step();
        uart.flush();
        return idle == Idle.FOREVER;
    }

    /**
     * Sets how many instructions a hart runs before the next one's turn. A debugger of several
     * harts makes it small: the harts before the one that stops have run a whole batch beyond it.
     */
    public void setBatch(int instructions) {
        if (instructions < 1) {
            throw new IllegalArgumentException("batch must be at least 1 instruction");
        }
        batch = instructions;
    }

    /** What a round ended with, for callers that must not wait for ever. */
    private enum Idle { BUSY, SLEPT, FOREVER }

    /**
     * One round: a batch on each hart, then devices, then idling if every hart waits. A debugger
     * stop ends the round at the hart that stopped, and the next round starts with the hart after
     * it, so a breakpoint one hart keeps hitting does not starve the others.
     */
    private Idle step() {
        boolean allWaiting = true;
        boolean singleStep = trace.on(TraceFlag.EXEC) || trace.on(TraceFlag.CPU);
        int first = firstHart;
        for (int k = 0; k < harts.length; k++) {
            int index = (first + k) % harts.length;
            Hart h = harts[index];
            if (singleStep) {
                traceBatch(h);
            } else {
                Executor.run(h, batch);
            }
            if (harts.length > 1) {
                h.clearReservation();
            }
            if (!h.isWaitingForInterrupt()) {
                allWaiting = false;
            }
            if (h.debugStopPending()) {
                firstHart = (index + 1) % harts.length;
                break;
            }
            if (poweredOff || resetRequested) {
                break;
            }
        }
        if (resetRequested) {
            resetRequested = false;
            images.clear();
            loadImagesAfterReset();
            return Idle.BUSY;
        }
        clint.update();
        uart.tick();
        if (allWaiting && !poweredOff) {
            return idle();
        }
        return Idle.BUSY;
    }

    /** sifive_test reset: QEMU re-copies its ROM images (firmware, kernel, device tree) and resets devices. */
    /** -d exec/cpu: the batch one instruction at a time, logged around each. */
    private void traceBatch(Hart h) {
        for (int i = 0; i < BATCH && !h.isWaitingForInterrupt() && !poweredOff; i++) {
            trace.beforeInstruction(h);
            Executor.run(h, 1);
            trace.afterInstruction(h);
        }
    }

    private void loadImagesAfterReset() {
        plic.reset();
        uart.reset();
        for (CfiFlash f : flash) {
            f.reset();
        }
        loadImages();
    }

    private void stopHarts() {
        for (Hart h : harts) {
            h.endBatch();
        }
    }

    /** Every hart waits in WFI: sleep until a timer deadline or console input. */
    private Idle idle() {
        for (Hart h : harts) {
            if (h.interruptPendingForWfi()) {
                return Idle.BUSY;   // a device raised a line after the batch: run again at once
            }
        }
        long now = clint.mtime();
        long clintDeadline = clint.nextDeadlineTicks();
        // The CLINT answers in tick-source units; harts' Sstc comparators are in mtime units.
        long deadline = clintDeadline == Long.MAX_VALUE ? Long.MAX_VALUE : clintDeadline + (now - ticks.getAsLong());
        for (Hart h : harts) {
            deadline = Math.min(deadline, h.nextTimerDeadline());
        }
        if (deadline == Long.MAX_VALUE && consoleIn == null) {
            return Idle.FOREVER;
        }
        long nanos = deadline == Long.MAX_VALUE ? MAX_IDLE_NANOS
                : Math.min(MAX_IDLE_NANOS, Math.max(0, (deadline - now) * (1_000_000_000L / VirtMemoryMap.TIMEBASE_HZ)));
        if (nanos <= 0 || uart.hasInput()) {
            return Idle.SLEPT;
        }
        synchronized (wakeup) {
            try {
                wakeup.wait(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopRequested = true;
            }
        }
        return Idle.SLEPT;
    }

    private void wake() {
        synchronized (wakeup) {
            wakeup.notifyAll();
        }
    }

    /** Stops the board's time base (a debugger holds the machine stopped); safe from any thread. */
    public void pauseClock() {
        ticks.pause();
    }

    /** Lets the board's time base run again. */
    public void resumeClock() {
        ticks.resume();
    }

    /** Asks {@link #run()} to return after the current batch (safe from any thread). */
    public void requestStop() {
        stopRequested = true;
        stopHarts();
        wake();
    }

    public boolean isPoweredOff() {
        return poweredOff;
    }

    public int exitStatus() {
        return exitStatus;
    }

    public long instructionsRetired() {
        long n = 0;
        for (Hart h : harts) {
            n += h.instructionsRetired();
        }
        return n;
    }

    private Thread consoleReader;

    private void startConsoleReader() {
        if (consoleIn == null || consoleReader != null) {
            return;
        }
        MonitorEscape escape = config.serial() == SerialMode.MON_STDIO ? new MonitorEscape(this::monitorCommand) : null;
        consoleReader = new Thread(() -> {
            byte[] buf = new byte[256];
            try {
                int n;
                while ((n = consoleIn.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        int b = escape == null ? buf[i] & 0xff : escape.filter(buf[i] & 0xff);
                        if (b >= 0) {
                            uart.receive((byte) b);
                        }
                    }
                }
            } catch (IOException e) {
                // console closed: no more input
            }
        }, "hvscope-console");
        consoleReader.setDaemon(true);
        consoleReader.start();
    }

    /** Ctrl-A commands of {@code -serial mon:stdio}, as QEMU's character-device multiplexer. */
    private void monitorCommand(char c) {
        switch (c) {
            case 'x':
                System.err.println("hvscope: terminated");
                exitStatus = 0;
                poweredOff = true;
                requestStop();
                break;
            case 'h':
                System.err.print(MonitorEscape.HELP);
                break;
            default:
                break;
        }
    }

    @Override
    public void close() {
        uart.flush();
        for (CfiFlash f : flash) {
            if (f != null) {
                try {
                    f.close();
                } catch (IOException e) {
                    notes.add("closing pflash: " + e.getMessage());
                }
            }
        }
    }
}
