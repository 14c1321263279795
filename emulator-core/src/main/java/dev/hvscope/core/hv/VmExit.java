package dev.hvscope.core.hv;

import java.util.Arrays;

/**
 * Why {@link VCpu#run} came back: the family of axvcpu's {@code AxVCpuExitReason} as it applies to
 * RISC-V (no port I/O), plus {@link UnexpectedTrap} for a guest trap into HS that no other variant
 * describes. Every variant carries the guest pc of the exit (sepc: the instruction that trapped).
 */
public sealed interface VmExit {
    /** Guest-virtual pc of the instruction that caused the exit. */
    long pc();

    /** The variant's name, as the exit log and the summary count it. */
    default String kind() {
        return getClass().getSimpleName();
    }

    /** The guest-physical address the exit is about, or -1. */
    default long address() {
        return -1L;
    }

    /** An SBI call the vCPU does not turn into a more specific exit: a7 = eid, a6 = fid, a0..a5. */
    record Hypercall(long pc, long eid, long fid, long[] args) implements VmExit {
        public Hypercall {
            args = args.clone();
        }

        public long arg(int i) {
            return args[i];
        }

        @Override
        public String toString() {
            return String.format("Hypercall[pc=%#x, eid=%#x, fid=%d, args=%s]", pc, eid, fid, Arrays.toString(args));
        }
    }

    /** A load from an emulated device: width in bytes, destination register, sign extension. */
    record MmioRead(long pc, long addr, int width, int reg, boolean signExtend, int insnLength) implements VmExit {
        @Override
        public long address() {
            return addr;
        }
    }

    /** A store to an emulated device. */
    record MmioWrite(long pc, long addr, int width, long data, int insnLength) implements VmExit {
        @Override
        public long address() {
            return addr;
        }
    }

    /** A CSR read the hardware refused to the guest (virtual-instruction exception). */
    record SysRegRead(long pc, int csr, int reg) implements VmExit {
    }

    /** A CSR write the hardware refused to the guest (virtual-instruction exception). */
    record SysRegWrite(long pc, int csr, long value) implements VmExit {
    }

    /** An interrupt that HS must take while the guest runs (scause code). */
    record ExternalInterrupt(long pc, long vector) implements VmExit {
    }

    /**
     * A G-stage miss: load (READ), store/AMO (WRITE) or instruction fetch (EXECUTE) guest-page fault
     * at guest-physical addr = htval &lt;&lt; 2 | stval &amp; 3; gva is the guest-virtual address (stval).
     */
    record NestedPageFault(long pc, long addr, int accessFlags, long gva) implements VmExit {
        @Override
        public long address() {
            return addr;
        }
    }

    /** The guest executed WFI and waits for an interrupt. */
    record Halt(long pc) implements VmExit {
    }

    /** SBI HSM hart_start. */
    record CpuUp(long pc, long targetCpu, long entryPoint, long arg) implements VmExit {
    }

    /** SBI HSM hart_stop. */
    record CpuDown(long pc, long state) implements VmExit {
    }

    /** SBI SRST system_reset (or legacy shutdown): type 0 shutdown, 1 cold, 2 warm reboot; reason 0 none, 1 failure. */
    record SystemDown(long pc, long resetType, long reason) implements VmExit {
    }

    /** SBI IPI send_ipi: a hart mask relative to a base hart id (base -1: all harts). */
    record SendIPI(long pc, long hartMask, long hartMaskBase) implements VmExit {
    }

    /** The run budget ended without an exit: nothing to handle, enter again. */
    record Nothing(long pc) implements VmExit {
    }

    /** The guest could not be entered (bad hgatp, no guest state): the reason in words. */
    record FailEntry(long pc, long reason, String detail) implements VmExit {
    }

    /** Any other trap from the guest into HS (access fault, misaligned access, illegal CSR use...). */
    record UnexpectedTrap(long pc, long scause, long stval, long htval, long htinst) implements VmExit {
    }
}
