package dev.hvscope.core.hart;

/**
 * Slow-path events of a hart, for tracing (-d) and tools. Every method is called only off the hot
 * path (trap entry, decode-cache fills, faults, refused accesses); a hart without an observer pays
 * one null check there and nothing elsewhere.
 */
public interface HartObserver {
    /**
     * A trap was taken. {@code fromPriv}/{@code fromVirt} are the mode before it,
     * {@code hart.privilege()}/{@code hart.virtualized()} the mode after; {@code epc} is where it
     * happened and {@code hart.pc} the handler.
     */
    default void trapTaken(Hart hart, long cause, long tval, long tval2, long tinst, long epc, int fromPriv,
            boolean fromVirt) {
    }

    /** An instruction entered the decode cache (first execution at this pc in this mode). */
    default void decoded(Hart hart, long pc, int rawBits, int length) {
    }

    /** A translation failed: the walker's cause for a (guest-)virtual address. */
    default void translationFault(Hart hart, long va, int cause, long gpa) {
    }

    /** An access reached no device or was refused by one (QEMU's guest_errors). */
    default void busError(Hart hart, long pa, int size, boolean write) {
    }

    /** An access to a CSR number the hart does not implement (QEMU's unimp). */
    default void unimplementedCsr(Hart hart, int csr) {
    }
}
