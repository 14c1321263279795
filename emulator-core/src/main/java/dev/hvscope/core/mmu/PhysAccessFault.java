package dev.hvscope.core.mmu;

/** Signals that a PTE address cannot be accessed; stackless, shared, slow-path control flow. */
public final class PhysAccessFault extends RuntimeException {
    public static final PhysAccessFault INSTANCE = new PhysAccessFault();

    private PhysAccessFault() {
        super("PTE access fault", null, false, false);
    }
}
