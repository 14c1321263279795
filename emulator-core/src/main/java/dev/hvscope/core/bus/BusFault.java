package dev.hvscope.core.bus;

/**
 * Thrown by the bus when nothing answers at an address or a device refuses an access. Stackless and
 * shared: it is control flow on the slow path, never an error report.
 */
public final class BusFault extends RuntimeException {
    public static final BusFault INSTANCE = new BusFault();

    private BusFault() {
        super("bus fault", null, false, false);
    }
}
