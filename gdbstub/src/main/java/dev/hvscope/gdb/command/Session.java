package dev.hvscope.gdb.command;

import dev.hvscope.core.debug.AddressSpace;
import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.core.debug.StopEvent;
import dev.hvscope.gdb.monitor.MonitorCommands;
import dev.hvscope.gdb.monitor.PflashOnBreak;
import dev.hvscope.gdb.monitor.TableCache;
import dev.hvscope.gdb.target.RegisterMap;
import dev.hvscope.gdb.target.TargetDescription;

/**
 * The state of one debugger connection (current threads, address space, step flags) and its way out
 * to the wire. Commands read and change it; the connection handler owns it.
 */
public final class Session {
    /** Largest packet the stub accepts and announces (PacketSize), 128 KiB. */
    public static final int PACKET_SIZE = 0x20000;

    /** The wire, implemented by the connection handler (or a test). */
    public interface Output {
        void send(byte[] payload);

        void startNoAck();

        /** gdb detached or killed: the handler closes the connection after the reply is sent. */
        void close(boolean kill);
    }

    /** QEMU's sstep bits. */
    public static final int SSTEP_ENABLE = 1;
    public static final int SSTEP_NOIRQ = 2;
    public static final int SSTEP_NOTIMER = 4;

    private final Debuggee target;
    private final Output out;
    private final RegisterMap registers;
    private final MonitorCommands monitor;
    private final TableCache tables = new TableCache();
    private final PflashOnBreak pflashOnBreak = new PflashOnBreak();
    private String targetXml;
    private int generalThread = -1;
    private int continueThread = -1;
    private AddressSpace memorySpace = AddressSpace.CURRENT;
    private int sstepFlags = SSTEP_ENABLE | SSTEP_NOIRQ | SSTEP_NOTIMER;
    private volatile boolean awaitingStop;

    public Session(Debuggee target, Output out) {
        this.target = target;
        this.out = out;
        this.registers = new RegisterMap(target.csrs());
        this.monitor = new MonitorCommands(this);
    }

    public Debuggee target() {
        return target;
    }

    public RegisterMap registers() {
        return registers;
    }

    public MonitorCommands monitor() {
        return monitor;
    }

    /** The paging tables scanned at this stop, for the paged JSON views. */
    public TableCache tables() {
        return tables;
    }

    /** The per-breakpoint pflash modes of {@code monitor pflash on-break}. */
    public PflashOnBreak pflashOnBreak() {
        return pflashOnBreak;
    }

    public String targetXml() {
        if (targetXml == null) {
            targetXml = TargetDescription.xml(registers);
        }
        return targetXml;
    }

    public void reply(String payload) {
        out.send(payload.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    public void reply(byte[] payload) {
        out.send(payload);
    }

    /** Console output for gdb to print ({@code O} packets, split to fit). */
    public void output(String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int chunk = PACKET_SIZE / 2 - 16;
        for (int i = 0; i < bytes.length; i += chunk) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + chunk));
            reply("O" + dev.hvscope.gdb.rsp.Hex.encode(part));
        }
    }

    void startNoAck() {
        out.startNoAck();
    }

    void close(boolean kill) {
        out.close(kill);
    }

    /** Thread for g/G/p/P/m/M (Hg); -1 and 0 mean the one that last stopped. */
    public int generalThread() {
        return generalThread;
    }

    void setGeneralThread(int t) {
        generalThread = t;
    }

    int continueThread() {
        return continueThread;
    }

    void setContinueThread(int t) {
        continueThread = t;
    }

    public AddressSpace memorySpace() {
        return memorySpace;
    }

    public void setMemorySpace(AddressSpace s) {
        memorySpace = s;
    }

    int sstepFlags() {
        return sstepFlags;
    }

    void setSstepFlags(int f) {
        sstepFlags = f;
    }

    /** A resume is pending: its stop reply goes out when the target stops. */
    void expectStop() {
        awaitingStop = true;
    }

    /** Called by the connection when the target stopped; true when gdb was waiting for it. */
    public boolean takeAwaitedStop() {
        boolean was = awaitingStop;
        awaitingStop = false;
        return was;
    }

    public boolean awaitingStop() {
        return awaitingStop;
    }

    /**
     * Sends the reply to a resume that stopped (with an O line first for a caught VM exit); a
     * breakpoint with a pflash mode switches the mode first, and an O line says so.
     */
    public void sendStop(StopEvent e) {
        String switched = pflashOnBreak.apply(e, target.pflash());
        if (switched != null) {
            tables.clear();
            output(switched);
        }
        if (e.exit() != null) {
            output("hvscope: VM exit " + e.exit().describe() + "\n");
        }
        reply(stopReply(e));
    }

    /** The T/W stop reply for an event. */
    public String stopReply(StopEvent e) {
        String thread = "thread:" + threadId(e.thread()) + ";";
        switch (e.reason()) {
            case HALTED:
                return String.format("W%02x", e.exitStatus() & 0xff);
            case INTERRUPTED:
                return "T02" + thread;
            case SOFTWARE_BREAKPOINT:
                return "T05" + thread + "swbreak:;";
            case HARDWARE_BREAKPOINT:
                return "T05" + thread + "hwbreak:;";
            case WATCHPOINT: {
                String key = e.watchKind() == dev.hvscope.core.debug.WatchKind.WRITE ? "watch"
                        : e.watchKind() == dev.hvscope.core.debug.WatchKind.READ ? "rwatch" : "awatch";
                return "T05" + thread + key + ":" + Long.toHexString(e.address()) + ";";
            }
            case VM_EXIT:
                return "T05" + thread + "hvexit:" + e.exit().kind().shortName() + ";";
            default:
                return "T05" + thread;
        }
    }

    /** {@code p01.0N}: process 1, thread = hart index + 1. */
    public static String threadId(int thread) {
        return String.format("p01.%02x", thread + 1);
    }

    /** Parses a thread-id ({@code p1.2}, {@code 2}, {@code -1}, {@code 0}) to a hart index, -1 for all, -2 for any. */
    static int parseThread(String id) {
        String t = id;
        if (t.startsWith("p")) {
            int dot = t.indexOf('.');
            t = dot < 0 ? "-1" : t.substring(dot + 1);
        }
        if (t.equals("-1")) {
            return -1;
        }
        long n = Long.parseLong(t, 16);
        return n == 0 ? -2 : (int) n - 1;
    }

    /** The hart a register or memory access uses. */
    public int currentThread() {
        int t = generalThread;
        if (t < 0 || t >= target.threadCount()) {
            t = Math.max(0, Math.min(target.threadCount() - 1, target.lastStop().thread()));
        }
        return t;
    }
}
