package dev.hvscope.core.isa;

import java.util.HashMap;
import java.util.Map;

/**
 * CSR number to name, for the disassembler: every CSR listed in the privileged spec 1.12 (user
 * FP and counters, supervisor, hypervisor and VS, machine, debug/trigger) including the RV32-only
 * high halves, since objdump names those too. The hart has its own, richer table; this one only
 * names numbers, so isa depends on nothing.
 */
public final class CsrNames {
    private static final String[] NAMES = new String[4096];

    static {
        put(0x001, "fflags");
        put(0x002, "frm");
        put(0x003, "fcsr");
        counters(0xc00, "", "cycle", "time", "instret", "hpmcounter");

        put(0x100, "sstatus");
        put(0x104, "sie");
        put(0x105, "stvec");
        put(0x106, "scounteren");
        put(0x10a, "senvcfg");
        put(0x140, "sscratch");
        put(0x141, "sepc");
        put(0x142, "scause");
        put(0x143, "stval");
        put(0x144, "sip");
        put(0x180, "satp");
        put(0x5a8, "scontext");

        put(0x600, "hstatus");
        put(0x602, "hedeleg");
        put(0x603, "hideleg");
        put(0x604, "hie");
        put(0x605, "htimedelta");
        put(0x606, "hcounteren");
        put(0x607, "hgeie");
        put(0x60a, "henvcfg");
        put(0x615, "htimedeltah");
        put(0x61a, "henvcfgh");
        put(0x643, "htval");
        put(0x644, "hip");
        put(0x645, "hvip");
        put(0x64a, "htinst");
        put(0xe12, "hgeip");
        put(0x680, "hgatp");
        put(0x6a8, "hcontext");

        put(0x200, "vsstatus");
        put(0x204, "vsie");
        put(0x205, "vstvec");
        put(0x240, "vsscratch");
        put(0x241, "vsepc");
        put(0x242, "vscause");
        put(0x243, "vstval");
        put(0x244, "vsip");
        put(0x280, "vsatp");

        put(0xf11, "mvendorid");
        put(0xf12, "marchid");
        put(0xf13, "mimpid");
        put(0xf14, "mhartid");
        put(0xf15, "mconfigptr");
        put(0x300, "mstatus");
        put(0x301, "misa");
        put(0x302, "medeleg");
        put(0x303, "mideleg");
        put(0x304, "mie");
        put(0x305, "mtvec");
        put(0x306, "mcounteren");
        put(0x30a, "menvcfg");
        put(0x310, "mstatush");
        put(0x31a, "menvcfgh");
        put(0x340, "mscratch");
        put(0x341, "mepc");
        put(0x342, "mcause");
        put(0x343, "mtval");
        put(0x344, "mip");
        put(0x34a, "mtinst");
        put(0x34b, "mtval2");
        put(0x747, "mseccfg");
        put(0x757, "mseccfgh");
        for (int i = 0; i < 16; i++) {
            put(0x3a0 + i, "pmpcfg" + i);
        }
        for (int i = 0; i < 64; i++) {
            put(0x3b0 + i, "pmpaddr" + i);
        }
        counters(0xb00, "m", "cycle", null, "instret", "hpmcounter");
        put(0x320, "mcountinhibit");
        for (int i = 3; i < 32; i++) {
            put(0x320 + i, "mhpmevent" + i);
            put(0x720 + i, "mhpmevent" + i + "h"); // Sscofpmf high halves, named by objdump too
        }

        put(0x7a0, "tselect");
        put(0x7a1, "tdata1");
        put(0x7a2, "tdata2");
        put(0x7a3, "tdata3");
        put(0x7a4, "tinfo");
        put(0x7a5, "tcontrol");
        put(0x7a8, "mcontext");
        put(0x7aa, "mscontext");
        put(0x7b0, "dcsr");
        put(0x7b1, "dpc");
        put(0x7b2, "dscratch0");
        put(0x7b3, "dscratch1");
    }

    private CsrNames() {
    }

    /** cycle/time/instret/hpmcounter3..31 at base, and their RV32 high halves at base + 0x80. */
    private static void counters(int base, String prefix, String cycle, String time, String instret,
            String hpm) {
        put(base, prefix + cycle);
        put(base + 0x80, prefix + cycle + "h");
        if (time != null) {
            put(base + 1, prefix + time);
            put(base + 0x81, prefix + time + "h");
        }
        put(base + 2, prefix + instret);
        put(base + 0x82, prefix + instret + "h");
        for (int i = 3; i < 32; i++) {
            put(base + i, prefix + hpm + i);
            put(base + 0x80 + i, prefix + hpm + i + "h");
        }
    }

    private static void put(int number, String name) {
        NAMES[number] = name;
    }

    /** The CSR's name, or null when it has none here. */
    public static String name(int number) {
        return number >= 0 && number < NAMES.length ? NAMES[number] : null;
    }

    /** The name, or objdump's rendering of an unnamed CSR ({@code 0x7c0}). */
    public static String nameOrHex(int number) {
        String n = name(number);
        return n != null ? n : "0x" + Integer.toHexString(number);
    }

    /** Name to number for every named CSR (for assemblers and debugger front ends). */
    public static Map<String, Integer> byName() {
        Map<String, Integer> m = new HashMap<>();
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i] != null) {
                m.put(NAMES[i], i);
            }
        }
        return m;
    }
}
