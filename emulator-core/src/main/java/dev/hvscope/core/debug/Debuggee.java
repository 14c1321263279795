package dev.hvscope.core.debug;

import java.util.List;

/**
 * What every debugger front end (the GDB stub, the IDE) drives: threads (harts or vCPUs), their
 * registers, memory by address space, and execution. Optional abilities are extension interfaces
 * reached through methods that return null when absent ({@link #breakpoints()}, {@link #views()},
 * {@link #pflash()}), so a front end announces exactly what the target has.
 *
 * <p>Registers and memory may be read and written only while the target is stopped.
 */
public interface Debuggee {
    /** Harts (full-system) or vCPUs (hosted). */
    int threadCount();

    ThreadState threadState(int thread);

    // ---- execution ----

    /** Where stop events of {@link #resume()} go (one listener; replaces the previous one). */
    void setStopListener(StopListener listener);

    /** Runs every thread on the target's run thread until a stop event, which goes to the listener. */
    void resume();

    /** Executes one instruction on one thread (others stay stopped); returns at once with the stop. */
    StopEvent step(int thread, boolean maskInterrupts);

    /** Asks a running target to stop (from any thread); the listener gets {@link StopReason#INTERRUPTED}. */
    void interrupt();

    boolean isRunning();

    /** The last stop, or an ATTACHED event before the first run. */
    StopEvent lastStop();

    /** Blocks until the target is stopped (or the timeout passes); true when stopped. */
    boolean awaitStopped(long timeoutMillis) throws InterruptedException;

    boolean isPoweredOff();

    /** Drops every breakpoint and watchpoint and lets the target run free (gdb detached). */
    void detach();

    // ---- registers ----

    long gpr(int thread, int index);

    void setGpr(int thread, int index, long value);

    long pc(int thread);

    void setPc(int thread, long value);

    /** FP register as raw bits (NaN-boxed singles). */
    long fpr(int thread, int index);

    void setFpr(int thread, int index, long bits);

    /** Every CSR the target implements, in number order. */
    List<CsrDescriptor> csrs();

    /** A CSR by number without privilege checks (S numbers read HS values even when V=1); null if absent. */
    Long csr(int thread, int number);

    boolean setCsr(int thread, int number, long value);

    /** Changes privilege and V (a debugger write of the virtual priv register). */
    void setMode(int thread, int privilege, boolean virtualized);

    // ---- memory ----

    /**
     * Reads up to {@code length} bytes; stops early at the first byte that is not accessible.
     *
     * @throws MemoryAccessException when not even the first byte is accessible
     */
    byte[] readMemory(int thread, AddressSpace space, long address, int length);

    /**
     * Writes bytes.
     *
     * @throws MemoryAccessException at the first byte that is not writable (earlier bytes are written)
     */
    void writeMemory(int thread, AddressSpace space, long address, byte[] data);

    // ---- optional extensions ----

    default Breakpoints breakpoints() {
        return null;
    }

    default HypervisorViews views() {
        return null;
    }

    default PflashControl pflash() {
        return null;
    }
}
