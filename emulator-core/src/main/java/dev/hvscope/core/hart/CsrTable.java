package dev.hvscope.core.hart;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The CSR file as a table (QEMU csr.c style): per number a name, an access predicate, a reader and
 * a writer. WARL rules live in the writers. When V=1 the S-level numbers that have VS counterparts
 * reach the VS CSRs; the VS CSRs are plain fields, never swapped, so a debugger reads both sets.
 * The same table feeds GDB's target description and the IDE's register views.
 */
public final class CsrTable {
    private CsrTable() {
    }

    /** Outcome of an access predicate. */
    enum Access { OK, ILLEGAL, VIRTUAL }

    interface Predicate {
        Access check(Hart h, boolean write);
    }

    interface Reader {
        long read(Hart h);
    }

    interface Writer {
        void write(Hart h, long value);
    }

    /** One CSR: number, name, predicate, reader, writer, and whether it belongs to the H extension. */
    public record Entry(int number, String name, Predicate predicate, Reader reader, Writer writer,
            boolean hypervisor) {
    }

    static final long ENVCFG_STCE = 1L << 63;
    static final long ENVCFG_FIOM = 1L;
    static final long VS_INTERRUPTS = (1L << Cause.IRQ_VSSI) | (1L << Cause.IRQ_VSTI) | (1L << Cause.IRQ_VSEI);
    static final long SGEI = 1L << Cause.IRQ_SGEI;
    /** mideleg bits that read as one with the H extension (VS interrupts and SGEI go to HS). */
    static final long MIDELEG_H_FIXED = VS_INTERRUPTS | SGEI;
    static final long S_INTERRUPTS = (1L << Cause.IRQ_SSI) | (1L << Cause.IRQ_STI) | (1L << Cause.IRQ_SEI);
    static final long M_INTERRUPTS = (1L << Cause.IRQ_MSI) | (1L << Cause.IRQ_MTI) | (1L << Cause.IRQ_MEI);
    /** Exceptions M-mode may delegate without H: causes 0-9, 12, 13, 15 (never ecall from M, 11). */
    static final long MEDELEG_WRITABLE = 0xb3ffL;
    /** With H also ecall from VS (10) and the guest-page faults and virtual instruction (20-23). */
    static final long MEDELEG_WRITABLE_H = MEDELEG_WRITABLE | (1L << 10) | (0xfL << 20);
    /** Implemented hpm counters 3..18, as QEMU 7.2: writable, counting no events. */
    static final int HPM_COUNTERS = 16;
    /** Exceptions HS-mode may delegate to VS (not ecall from HS/VS/M, not guest-page faults or virtual instruction). */
    static final long HEDELEG_WRITABLE = 0xb1ffL;

    private static final Entry[] TABLE = new Entry[4096];
    /** S-level CSR number → its VS counterpart, used when V=1 (0 when none). */
    private static final int[] VS_ALIAS = new int[4096];

    private static final Predicate ANY = (h, w) -> Access.OK;

    /** Reads a CSR as the current instruction: checks privilege and raises on refusal. */
    static long read(Hart h, int number) {
        Entry e = resolve(h, number, false);
        return e.reader().read(h);
    }

    /** Writes a CSR as the current instruction; raises on refusal. */
    static void write(Hart h, int number, long value) {
        Entry e = resolve(h, number, true);
        e.writer().write(h, value);
        // The writing instruction's own retirement does not count on top of the written value:
        // the next instruction reads exactly what was written (riscv-tests' instret_overflow).
        if (number == Csr.MINSTRET) {
            h.instretOffset--;
        } else if (number == Csr.MCYCLE) {
            h.cycleOffset--;
        }
        h.updateRegime();
        h.batchLimit = 0;
    }

    /** Checks an access and returns the entry that serves it (the VS CSR for S numbers when V=1). */
    static Entry resolve(Hart h, int number, boolean write) {
        Entry e = TABLE[number];
        if (e == null || (e.hypervisor() && !h.hExtension)) {
            if (h.observer != null) {
                h.observer.unimplementedCsr(h, number);
            }
            throw h.illegalInstruction();
        }
        int level = (number >>> 8) & 3;
        if (h.virt) {
            if (level == 3) {
                throw h.illegalInstruction();
            }
            if (level == 2 || (level == 1 && h.priv == Hart.PRV_U)) {
                throw h.virtualInstruction();
            }
        } else if (h.priv < (level == 2 ? Hart.PRV_S : level)) {
            throw h.illegalInstruction();
        }
        if (write && (number >>> 10) == 3) {
            throw h.illegalInstruction();
        }
        switch (e.predicate().check(h, write)) {
            case ILLEGAL: throw h.illegalInstruction();
            case VIRTUAL: throw h.virtualInstruction();
            default: break;
        }
        if (h.virt && VS_ALIAS[number] != 0) {
            return TABLE[VS_ALIAS[number]];
        }
        return e;
    }

    /** Debugger read: no privilege checks, no side effects; null when the CSR does not exist. */
    public static Long peek(Hart h, int number) {
        Entry e = number >= 0 && number < 4096 ? TABLE[number] : null;
        if (e == null || (e.hypervisor() && !h.hExtension)) {
            return null;
        }
        return e.reader().read(h);
    }

    /** Debugger write: no privilege checks; false when the CSR does not exist. */
    public static boolean poke(Hart h, int number, long value) {
        Entry e = number >= 0 && number < 4096 ? TABLE[number] : null;
        if (e == null || (e.hypervisor() && !h.hExtension)) {
            return false;
        }
        e.writer().write(h, value);
        h.updateRegime();
        return true;
    }

    /** Every implemented CSR in number order (for target descriptions and register views). */
    public static List<Entry> entries(boolean withHypervisor) {
        List<Entry> list = new ArrayList<>();
        for (Entry e : TABLE) {
            if (e != null && (withHypervisor || !e.hypervisor())) {
                list.add(e);
            }
        }
        return Collections.unmodifiableList(list);
    }

    public static String name(int number) {
        Entry e = number >= 0 && number < 4096 ? TABLE[number] : null;
        return e == null ? null : e.name();
    }

    // ---- definition ----

    private static void csr(int number, String name, Predicate p, Reader r, Writer w) {
        TABLE[number] = new Entry(number, name, p, r, w, false);
    }

    private static void hcsr(int number, String name, Predicate p, Reader r, Writer w) {
        TABLE[number] = new Entry(number, name, p, r, w, true);
    }

    private static void readOnly(int number, String name, Reader r) {
        csr(number, name, ANY, r, (h, v) -> { });
    }

    private static void define() {
        defineFloatingPoint();
        defineCounters();
        defineMachine();
        defineSupervisor();
        defineHypervisor();
        defineVirtualSupervisor();
        int[][] aliases = {{Csr.SSTATUS, Csr.VSSTATUS}, {Csr.SIE, Csr.VSIE}, {Csr.STVEC, Csr.VSTVEC},
            {Csr.SSCRATCH, Csr.VSSCRATCH}, {Csr.SEPC, Csr.VSEPC}, {Csr.SCAUSE, Csr.VSCAUSE},
            {Csr.STVAL, Csr.VSTVAL}, {Csr.SIP, Csr.VSIP}, {Csr.STIMECMP, Csr.VSTIMECMP}, {Csr.SATP, Csr.VSATP}};
        for (int[] a : aliases) {
            VS_ALIAS[a[0]] = a[1];
        }
    }

    private static final Predicate FP = (h, w) ->
            (h.mstatus & Status.FS) == 0 || (h.virt && (h.vsstatus & Status.FS) == 0) ? Access.ILLEGAL : Access.OK;

    private static void defineFloatingPoint() {
        csr(Csr.FFLAGS, "fflags", FP, h -> h.fflags, (h, v) -> {
            h.fflags = (int) v & 0x1f;
            h.markFpDirty();
        });
        csr(Csr.FRM, "frm", FP, h -> h.frm, (h, v) -> {
            h.frm = (int) v & 7;
            h.markFpDirty();
        });
        csr(Csr.FCSR, "fcsr", FP, h -> (h.frm << 5) | h.fflags, (h, v) -> {
            h.fflags = (int) v & 0x1f;
            h.frm = (int) (v >>> 5) & 7;
            h.markFpDirty();
        });
    }

    /** Counter access rule: mcounteren, then hcounteren (virtual instruction), then scounteren. */
    private static Predicate counter(int index) {
        long bit = 1L << index;
        return (h, w) -> {
            if (h.priv == Hart.PRV_M) {
                return Access.OK;
            }
            if ((h.mcounteren & bit) == 0) {
                return Access.ILLEGAL;
            }
            if (h.virt && (h.hcounteren & bit) == 0) {
                return Access.VIRTUAL;
            }
            if (h.priv == Hart.PRV_U && (h.scounteren & bit) == 0) {
                return h.virt ? Access.VIRTUAL : Access.ILLEGAL;
            }
            return Access.OK;
        };
    }

    /** Instructions retired so far, this batch's included. */
    static long retiredNow(Hart h) {
        return h.instret + h.batchExecuted;
    }

    static long instretNow(Hart h) {
        return retiredNow(h) + h.instretOffset;
    }

    static long cycleNow(Hart h) {
        return retiredNow(h) + h.cycleOffset;
    }

    private static void defineCounters() {
        csr(Csr.CYCLE, "cycle", counter(0), CsrTable::cycleNow, (h, v) -> { });
        csr(Csr.TIME, "time", counter(1), h -> h.timeNow() + (h.virt ? h.htimedelta : 0), (h, v) -> { });
        csr(Csr.INSTRET, "instret", counter(2), CsrTable::instretNow, (h, v) -> { });
        for (int i = 3; i <= 31; i++) {
            int n = i;
            boolean implemented = i < 3 + HPM_COUNTERS;
            csr(Csr.CYCLE + i, "hpmcounter" + i, counter(i), h -> h.hpmCounter[n], (h, v) -> { });
            csr(Csr.MCYCLE + i, "mhpmcounter" + i, ANY, h -> h.hpmCounter[n],
                    (h, v) -> h.hpmCounter[n] = implemented ? v : 0);
            csr(Csr.MHPMEVENT3 + i - 3, "mhpmevent" + i, ANY, h -> h.hpmEvent[n],
                    (h, v) -> h.hpmEvent[n] = implemented ? v : 0);
        }
        csr(Csr.MCYCLE, "mcycle", ANY, CsrTable::cycleNow, (h, v) -> h.cycleOffset = v - retiredNow(h));
        csr(Csr.MINSTRET, "minstret", ANY, CsrTable::instretNow, (h, v) -> h.instretOffset = v - retiredNow(h));
    }

    /**
     * marchid and mimpid of QEMU's default rv64 CPU: its version as major << 16 | minor << 8 |
     * micro, here Debian's QEMU 7.2.22 that the test programs' recorded output comes from
     * (mvendorid is 0 there too).
     */
    static final long QEMU_ARCH_AND_IMPL_ID = 7 << 16 | 2 << 8 | 22;

    private static void defineMachine() {
        readOnly(Csr.MVENDORID, "mvendorid", h -> 0L);
        readOnly(Csr.MARCHID, "marchid", h -> QEMU_ARCH_AND_IMPL_ID);
        readOnly(Csr.MIMPID, "mimpid", h -> QEMU_ARCH_AND_IMPL_ID);
        readOnly(Csr.MHARTID, "mhartid", h -> h.hartId);
        readOnly(Csr.MCONFIGPTR, "mconfigptr", h -> 0L);
        csr(Csr.MSTATUS, "mstatus", ANY, h -> withSd(h.mstatus), CsrTable::writeMstatus);
        csr(Csr.MISA, "misa", ANY, h -> h.misa, (h, v) -> { });
        csr(Csr.MEDELEG, "medeleg", ANY, h -> h.medeleg, (h, v) -> h.medeleg = v & medelegMask(h));
        csr(Csr.MIDELEG, "mideleg", ANY, h -> h.mideleg, (h, v) ->
                h.mideleg = (v & S_INTERRUPTS) | (h.hExtension ? MIDELEG_H_FIXED : 0));
        csr(Csr.MIE, "mie", ANY, h -> h.mie, (h, v) -> h.mie = v & mieMask(h));
        csr(Csr.MIP, "mip", ANY, Hart::mip, CsrTable::writeMip);
        csr(Csr.MTVEC, "mtvec", ANY, h -> h.mtvec, (h, v) -> h.mtvec = legalTvec(h.mtvec, v));
        csr(Csr.MCOUNTEREN, "mcounteren", ANY, h -> h.mcounteren, (h, v) -> h.mcounteren = v & 0xffff_ffffL);
        csr(Csr.MENVCFG, "menvcfg", ANY, h -> h.menvcfg, (h, v) -> {
            h.menvcfg = v & (ENVCFG_STCE | ENVCFG_FIOM);
            if ((h.menvcfg & ENVCFG_STCE) == 0) {
                h.henvcfg &= ~ENVCFG_STCE;
            }
        });
        csr(Csr.MCOUNTINHIBIT, "mcountinhibit", ANY, h -> h.mcountinhibit,
                (h, v) -> h.mcountinhibit = v & 0xffff_fffdL);
        csr(Csr.MSCRATCH, "mscratch", ANY, h -> h.mscratch, (h, v) -> h.mscratch = v);
        csr(Csr.MEPC, "mepc", ANY, h -> h.mepc, (h, v) -> h.mepc = v & ~1L);
        csr(Csr.MCAUSE, "mcause", ANY, h -> h.mcause, (h, v) -> h.mcause = v);
        csr(Csr.MTVAL, "mtval", ANY, h -> h.mtval, (h, v) -> h.mtval = v);
        hcsr(Csr.MTINST, "mtinst", ANY, h -> h.mtinst, (h, v) -> h.mtinst = v);
        hcsr(Csr.MTVAL2, "mtval2", ANY, h -> h.mtval2, (h, v) -> h.mtval2 = v);
        for (int i = 0; i < 4; i += 2) {
            int index = i;
            csr(Csr.PMPCFG0 + i, "pmpcfg" + i, ANY, h -> h.pmp.readPmpcfg(index), (h, v) -> {
                h.pmp.writePmpcfg(index, v);
                h.flushAllTranslations();
            });
        }
        for (int i = 0; i < 16; i++) {
            int index = i;
            csr(Csr.PMPADDR0 + i, "pmpaddr" + i, ANY, h -> h.pmp.readPmpaddr(index), (h, v) -> {
                h.pmp.writePmpaddr(index, v);
                h.flushAllTranslations();
            });
        }
    }

    private static long medelegMask(Hart h) {
        return h.hExtension ? MEDELEG_WRITABLE_H : MEDELEG_WRITABLE;
    }

    private static long mieMask(Hart h) {
        return S_INTERRUPTS | M_INTERRUPTS | (h.hExtension ? VS_INTERRUPTS | SGEI : 0);
    }

    /** SD summarizes FS (no vector or custom state here). */
    static long withSd(long status) {
        return Status.fs(status) == Status.FS_DIRTY ? status | Status.SD : status & ~Status.SD;
    }

    private static void writeMstatus(Hart h, long v) {
        long writable = Status.MSTATUS_WRITABLE | (h.hExtension ? Status.MSTATUS_WRITABLE_H : 0);
        long old = h.mstatus;
        long s = (old & ~writable) | (v & writable);
        if (((s & Status.MPP) >>> Status.MPP_SHIFT) == 2) {
            s = (s & ~Status.MPP) | (old & Status.MPP);   // MPP=2 is reserved: keep the old value
        }
        h.mstatus = withSd(s);
        if (((old ^ s) & Status.MXR) != 0) {
            h.flushAllTranslations();
        }
    }

    private static void writeMip(Hart h, long v) {
        long writable = (1L << Cause.IRQ_SSI) | (1L << Cause.IRQ_SEI);
        if ((h.menvcfg & ENVCFG_STCE) == 0) {
            writable |= 1L << Cause.IRQ_STI;
        }
        h.mipSoftware = (h.mipSoftware & ~writable) | (v & writable);
        if (h.hExtension) {
            long vssip = 1L << Cause.IRQ_VSSI;
            h.hvip = (h.hvip & ~vssip) | (v & vssip);
        }
    }

    private static long legalTvec(long old, long v) {
        return (v & 3) < 2 ? v : old;
    }

    private static final Predicate TVM = (h, w) -> {
        if (!h.virt && h.priv == Hart.PRV_S && (h.mstatus & Status.TVM) != 0) {
            return Access.ILLEGAL;
        }
        if (h.virt && (h.hstatus & Status.HS_VTVM) != 0) {
            return Access.VIRTUAL;
        }
        return Access.OK;
    };

    private static final Predicate STIMECMP = (h, w) -> {
        if (h.priv == Hart.PRV_M) {
            return Access.OK;
        }
        if ((h.mcounteren & 2) == 0 || (h.menvcfg & ENVCFG_STCE) == 0) {
            return Access.ILLEGAL;
        }
        if (h.virt && ((h.hcounteren & 2) == 0 || (h.henvcfg & ENVCFG_STCE) == 0)) {
            return Access.VIRTUAL;
        }
        return Access.OK;
    };

    private static final long SSTATUS_WRITABLE = Status.SIE | Status.SPIE | Status.SPP | Status.FS | Status.SUM
            | Status.MXR;

    private static void defineSupervisor() {
        csr(Csr.SSTATUS, "sstatus", ANY, h -> withSd(h.mstatus) & Status.SSTATUS_MASK, (h, v) -> {
            long old = h.mstatus;
            h.mstatus = withSd((old & ~SSTATUS_WRITABLE) | (v & SSTATUS_WRITABLE));
            if (((old ^ h.mstatus) & Status.MXR) != 0) {
                h.flushAllTranslations();
            }
        });
        csr(Csr.SIE, "sie", ANY, h -> h.mie & h.mideleg & S_INTERRUPTS, (h, v) -> {
            long mask = h.mideleg & S_INTERRUPTS;
            h.mie = (h.mie & ~mask) | (v & mask);
        });
        csr(Csr.STVEC, "stvec", ANY, h -> h.stvec, (h, v) -> h.stvec = legalTvec(h.stvec, v));
        csr(Csr.SCOUNTEREN, "scounteren", ANY, h -> h.scounteren, (h, v) -> h.scounteren = v & 0xffff_ffffL);
        csr(Csr.SENVCFG, "senvcfg", ANY, h -> h.senvcfg, (h, v) -> h.senvcfg = v & ENVCFG_FIOM);
        csr(Csr.SSCRATCH, "sscratch", ANY, h -> h.sscratch, (h, v) -> h.sscratch = v);
        csr(Csr.SEPC, "sepc", ANY, h -> h.sepc, (h, v) -> h.sepc = v & ~1L);
        csr(Csr.SCAUSE, "scause", ANY, h -> h.scause, (h, v) -> h.scause = v);
        csr(Csr.STVAL, "stval", ANY, h -> h.stval, (h, v) -> h.stval = v);
        csr(Csr.SIP, "sip", ANY, h -> h.mip() & h.mideleg & S_INTERRUPTS, (h, v) -> {
            long mask = h.mideleg & (1L << Cause.IRQ_SSI);
            h.mipSoftware = (h.mipSoftware & ~mask) | (v & mask);
        });
        csr(Csr.STIMECMP, "stimecmp", STIMECMP, h -> h.stimecmp, (h, v) -> h.stimecmp = v);
        csr(Csr.SATP, "satp", TVM, h -> h.satp, (h, v) -> {
            if (legalAtpMode(v)) {
                h.satp = v;
                h.addressSpaceChanged(false);
            }
        });
    }

    /** Bare, Sv39, Sv48 and Sv57 (as QEMU 7.2); a write of any other mode has no effect at all. */
    static boolean legalAtpMode(long v) {
        long mode = v >>> 60;
        return mode == 0 || mode == 8 || mode == 9 || mode == 10;
    }

    private static void defineHypervisor() {
        hcsr(Csr.HSTATUS, "hstatus", ANY, h -> h.hstatus, (h, v) ->
                h.hstatus = (h.hstatus & ~Status.HSTATUS_WRITABLE) | (v & Status.HSTATUS_WRITABLE));
        hcsr(Csr.HEDELEG, "hedeleg", ANY, h -> h.hedeleg, (h, v) -> h.hedeleg = v & HEDELEG_WRITABLE);
        hcsr(Csr.HIDELEG, "hideleg", ANY, h -> h.hideleg, (h, v) -> h.hideleg = v & VS_INTERRUPTS);
        hcsr(Csr.HIE, "hie", ANY, h -> h.mie & (VS_INTERRUPTS | SGEI), (h, v) -> {
            long mask = VS_INTERRUPTS | SGEI;
            h.mie = (h.mie & ~mask) | (v & mask);
        });
        hcsr(Csr.HTIMEDELTA, "htimedelta", ANY, h -> h.htimedelta, (h, v) -> h.htimedelta = v);
        hcsr(Csr.HCOUNTEREN, "hcounteren", ANY, h -> h.hcounteren, (h, v) -> h.hcounteren = v & 0xffff_ffffL);
        hcsr(Csr.HGEIE, "hgeie", ANY, h -> 0L, (h, v) -> { });
        hcsr(Csr.HENVCFG, "henvcfg", ANY, h -> h.henvcfg, (h, v) ->
                h.henvcfg = v & (ENVCFG_FIOM | (h.menvcfg & ENVCFG_STCE)));
        hcsr(Csr.HTVAL, "htval", ANY, h -> h.htval, (h, v) -> h.htval = v);
        hcsr(Csr.HIP, "hip", ANY, h -> h.mip() & (VS_INTERRUPTS | SGEI), (h, v) -> {
            long vssip = 1L << Cause.IRQ_VSSI;
            h.hvip = (h.hvip & ~vssip) | (v & vssip);
        });
        hcsr(Csr.HVIP, "hvip", ANY, h -> h.hvip, (h, v) -> h.hvip = v & VS_INTERRUPTS);
        hcsr(Csr.HTINST, "htinst", ANY, h -> h.htinst, (h, v) -> h.htinst = v);
        hcsr(Csr.HGATP, "hgatp", TVM_HS, h -> h.hgatp, (h, v) -> {
            if (legalAtpMode(v)) {
                // PPN kept as written (QEMU; the ArceOS tour relies on it); bits 59:58 are WPRI.
                h.hgatp = v & ~(0x3L << 58);
                h.addressSpaceChanged(true);
            }
        });
        hcsr(Csr.HGEIP, "hgeip", ANY, h -> 0L, (h, v) -> { });
    }

    /** hgatp in HS-mode with mstatus.TVM=1 is illegal. */
    private static final Predicate TVM_HS = (h, w) ->
            !h.virt && h.priv == Hart.PRV_S && (h.mstatus & Status.TVM) != 0 ? Access.ILLEGAL : Access.OK;

    private static void defineVirtualSupervisor() {
        hcsr(Csr.VSSTATUS, "vsstatus", ANY, h -> withSd(h.vsstatus), (h, v) -> {
            long old = h.vsstatus;
            h.vsstatus = withSd((old & ~SSTATUS_WRITABLE) | (v & SSTATUS_WRITABLE));
            if (((old ^ h.vsstatus) & Status.MXR) != 0) {
                h.fenceGuest(-1, -1);
            }
        });
        hcsr(Csr.VSIE, "vsie", ANY, h -> (h.mie & h.hideleg & VS_INTERRUPTS) >>> 1, (h, v) -> {
            long mask = h.hideleg & VS_INTERRUPTS;
            h.mie = (h.mie & ~mask) | ((v << 1) & mask);
        });
        hcsr(Csr.VSTVEC, "vstvec", ANY, h -> h.vstvec, (h, v) -> h.vstvec = legalTvec(h.vstvec, v));
        hcsr(Csr.VSSCRATCH, "vsscratch", ANY, h -> h.vsscratch, (h, v) -> h.vsscratch = v);
        hcsr(Csr.VSEPC, "vsepc", ANY, h -> h.vsepc, (h, v) -> h.vsepc = v & ~1L);
        hcsr(Csr.VSCAUSE, "vscause", ANY, h -> h.vscause, (h, v) -> h.vscause = v);
        hcsr(Csr.VSTVAL, "vstval", ANY, h -> h.vstval, (h, v) -> h.vstval = v);
        hcsr(Csr.VSIP, "vsip", ANY, h -> (h.mip() & h.hideleg & VS_INTERRUPTS) >>> 1, (h, v) -> {
            long mask = h.hideleg & (1L << Cause.IRQ_VSSI);
            h.hvip = (h.hvip & ~mask) | ((v << 1) & mask);
        });
        hcsr(Csr.VSTIMECMP, "vstimecmp", ANY, h -> h.vstimecmp, (h, v) -> h.vstimecmp = v);
        hcsr(Csr.VSATP, "vsatp", ANY, h -> h.vsatp, (h, v) -> {
            if (legalAtpMode(v)) {
                h.vsatp = v;
                h.addressSpaceChanged(true);
            }
        });
    }

    // Last, so every predicate constant above is initialized before the table refers to it.
    static {
        define();
    }
}
