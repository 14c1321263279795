package dev.hvscope.gdb.monitor;

import dev.hvscope.core.debug.AddressSpace;
import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.core.debug.HypervisorViews;
import dev.hvscope.core.debug.MappingRegion;
import dev.hvscope.core.debug.PflashControl;
import dev.hvscope.core.debug.ThreadState;
import dev.hvscope.core.debug.VmExitKind;
import dev.hvscope.core.debug.VmExitRecord;
import dev.hvscope.core.isa.RegNames;
import dev.hvscope.gdb.command.Session;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code monitor} commands: text views of the hart and the hypervisor state. */
public final class MonitorCommands {
    static final String HELP = String.join("\n",
        "hvscope monitor commands:",
        "  help                          this text",
        "  info registers                integer registers, pc, mode (privilege and V) and key CSRs",
        "  info mem                      the satp mapping as coalesced regions (QEMU format)",
        "  hv translate ADDR             guest-virtual -> guest-physical -> host-physical, every level of both walks",
        "  hv gstage [map | walk GPA]    the hgatp (G-stage) table: all regions, or one GPA's walk",
        "  hv vsstage [map | walk GVA]   the vsatp (VS-stage) table: all regions (GVA -> GPA), or one walk",
        "  hv exits [N]                  the last N VM exits (default 20)",
        "  hv catch [KIND... | all | none]  stop on VM exits of these kinds: npf sbi vinsn irq exception",
        "  hv space [current | gva | gpa | hpa]  the address space of gdb's memory accesses (x, p *addr)",
        "  pflash [emulate | passthrough]  the hosted hypervisor's pflash mode",
        "  pflash on-break [ADDR passthrough|emulate|clear]  switch pflash when a breakpoint at ADDR is hit",
        "");

    private final Session session;

    public MonitorCommands(Session session) {
        this.session = session;
    }

    /** Runs one command line; returns its output (never null). */
    public String run(String line) {
        String[] w = line.trim().isEmpty() ? new String[0] : line.trim().split("\\s+");
        if (w.length == 0 || w[0].equals("help")) {
            return HELP;
        }
        switch (w[0]) {
            case "info":
                if (w.length >= 2 && w[1].startsWith("reg")) {
                    return infoRegisters();
                }
                if (w.length >= 2 && w[1].equals("mem")) {
                    return mappings(HypervisorViews.Table.SATP);
                }
                return "usage: info registers | info mem\n";
            case "hv":
                return hv(w);
            case "pflash": {
                PflashControl pf = session.target().pflash();
                if (w.length >= 2 && w[1].equals("on-break")) {
                    return session.pflashOnBreak().command(w, pf);
                }
                if (pf == null) {
                    return "pflash: not available in full-system mode (the hosted hypervisor owns the pflash policy)\n";
                }
                return w.length < 2 ? "pflash mode: " + pf.mode() + "\n" : pf.setMode(w[1]) + "\n";
            }
            default:
                return "unknown command '" + w[0] + "'; try 'monitor help'\n";
        }
    }

    private HypervisorViews views() {
        HypervisorViews v = session.target().views();
        if (v == null) {
            throw new IllegalStateException("this target has no hypervisor views");
        }
        return v;
    }

    private int thread() {
        return session.currentThread();
    }

    private String hv(String[] w) {
        if (w.length < 2) {
            return HELP;
        }
        switch (w[1]) {
            case "translate":
                if (w.length < 3) {
                    return "usage: hv translate ADDR\n";
                }
                return views().translate(thread(), AddressSpace.GUEST_VIRTUAL, number(w[2])).trace();
            case "gstage":
                if (w.length >= 4 && w[2].equals("walk")) {
                    return views().translate(thread(), AddressSpace.GUEST_PHYSICAL, number(w[3])).trace();
                }
                return mappings(HypervisorViews.Table.HGATP);
            case "vsstage":
                if (w.length >= 4 && w[2].equals("walk")) {
                    return views().translate(thread(), AddressSpace.GUEST_VIRTUAL, number(w[3])).trace();
                }
                return mappings(HypervisorViews.Table.VSATP);
            case "exits":
                return exits(w.length >= 3 ? Integer.parseInt(w[2]) : 20);
            case "catch":
                return catchExits(w);
            case "space":
                return space(w);
            default:
                return "unknown hv command '" + w[1] + "'; try 'monitor help'\n";
        }
    }

    private String mappings(HypervisorViews.Table table) {
        long atp = views().tableRoot(thread(), table);
        String name = table.name().toLowerCase(Locale.ROOT);
        List<MappingRegion> regions = views().mappings(thread(), table);
        String head = name + " = 0x" + Long.toHexString(atp) + "\n";
        if ((atp >>> 60) == 0) {
            return head + name + " is Bare: no translation\n";
        }
        return head + MappingRegion.table(regions);
    }

    private String exits(int n) {
        List<VmExitRecord> list = views().exitLog().last(n);
        StringBuilder sb = new StringBuilder();
        sb.append(views().exitLog().total()).append(" VM exits logged");
        sb.append(list.isEmpty() ? "\n" : ", the last " + list.size() + ":\n");
        for (VmExitRecord r : list) {
            sb.append("  ").append(r.describe()).append('\n');
        }
        return sb.toString();
    }

    private String catchExits(String[] w) {
        if (w.length > 2) {
            Set<VmExitKind> kinds = EnumSet.noneOf(VmExitKind.class);
            for (int i = 2; i < w.length; i++) {
                if (w[i].equals("all")) {
                    kinds.addAll(EnumSet.allOf(VmExitKind.class));
                } else if (!w[i].equals("none")) {
                    VmExitKind k = VmExitKind.byName(w[i]);
                    if (k == null) {
                        return "unknown exit kind '" + w[i] + "' (npf sbi vinsn irq exception all none)\n";
                    }
                    kinds.add(k);
                }
            }
            views().catchExits(kinds);
        }
        Set<VmExitKind> now = views().caughtExits();
        if (now.isEmpty()) {
            return "catching no VM exits\n";
        }
        StringBuilder sb = new StringBuilder("catching VM exits:");
        for (VmExitKind k : now) {
            sb.append(' ').append(k.shortName());
        }
        return sb.append('\n').toString();
    }

    private String space(String[] w) {
        if (w.length > 2) {
            switch (w[2]) {
                case "current": session.setMemorySpace(AddressSpace.CURRENT); break;
                case "gva": session.setMemorySpace(AddressSpace.GUEST_VIRTUAL); break;
                case "gpa": session.setMemorySpace(AddressSpace.GUEST_PHYSICAL); break;
                case "hpa": session.setMemorySpace(AddressSpace.HOST_PHYSICAL); break;
                default: return "usage: hv space [current | gva | gpa | hpa]\n";
            }
        }
        return "memory accesses use: " + session.memorySpace().name().toLowerCase(Locale.ROOT).replace('_', '-') + "\n";
    }

    private String infoRegisters() {
        Debuggee d = session.target();
        int t = thread();
        ThreadState st = d.threadState(t);
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("hart %d  pc %016x  mode %s (priv %d, V=%d)%n", st.id(), d.pc(t), st.modeName(),
                st.privilege(), st.virtualized() ? 1 : 0));
        for (int i = 0; i < 32; i++) {
            sb.append(String.format("x%-2d/%-4s %016x", i, RegNames.x(i), d.gpr(t, i)));
            sb.append(i % 4 == 3 ? "\n" : "  ");
        }
        String[] csrs = {"mstatus", "mcause", "mepc", "mtval", "sstatus", "scause", "sepc", "stval", "satp",
            "hstatus", "hgatp", "htval", "htinst", "vsstatus", "vscause", "vsepc", "vstval", "vsatp"};
        int col = 0;
        for (String name : csrs) {
            for (var c : d.csrs()) {
                if (c.name().equals(name)) {
                    Long v = d.csr(t, c.number());
                    sb.append(String.format("%-8s %016x", name, v == null ? 0 : v));
                    sb.append(++col % 4 == 0 ? "\n" : "  ");
                }
            }
        }
        if (col % 4 != 0) {
            sb.append('\n');
        }
        return sb.toString();
    }

    static long number(String s) {
        String t = s.toLowerCase(Locale.ROOT).replace("_", "");
        return t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseUnsignedLong(t);
    }
}
