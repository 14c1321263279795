package dev.hvscope.core.debug;

/**
 * One logged VM exit.
 *
 * @param seq        running number since the machine started
 * @param thread     hart or vCPU index
 * @param cause      the trap cause (bit 63 set for interrupts)
 * @param fromMode   VS or VU
 * @param toMode     HS or M
 * @param guestPc    where the guest was (sepc/mepc)
 * @param tval       stval/mtval: the faulting guest-virtual address or instruction
 * @param gpa        for guest-page faults the guest-physical address (htval &lt;&lt; 2 | low bits of tval), else -1
 * @param tinst      htinst/mtinst
 * @param instret    instructions the hart had retired
 */
public record VmExitRecord(long seq, int thread, VmExitKind kind, long cause, String fromMode, String toMode,
                           long guestPc, long tval, long gpa, long tinst, long instret) {
    /** One line for logs, O packets and {@code monitor hv exits}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append('#').append(seq).append(" hart ").append(thread).append(' ').append(kind.shortName())
          .append(" cause=").append(cause < 0 ? "irq " + (cause & 63) : String.valueOf(cause))
          .append(' ').append(fromMode).append("->").append(toMode)
          .append(" pc=0x").append(Long.toHexString(guestPc))
          .append(" tval=0x").append(Long.toHexString(tval));
        if (gpa != -1) {
            sb.append(" gpa=0x").append(Long.toHexString(gpa));
        }
        if (tinst != 0) {
            sb.append(" tinst=0x").append(Long.toHexString(tinst));
        }
        return sb.toString();
    }
}
