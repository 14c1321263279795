package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RegisterInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The CSRs scope: the target description's CSRs grouped Machine, Supervisor, Hypervisor, Virtual
 * supervisor and Other (by name prefix), each group read only when expanded; CSRs with
 * {@link CsrFields} get their decoded fields as children.
 */
final class CsrScope extends LazyScope {
    static final String[] GROUPS = {"Machine", "Supervisor", "Hypervisor", "Virtual supervisor", "Other"};
    private final DebugSession session;
    private final long tid;

    CsrScope(DebugSession session, long tid) {
        this.session = session;
        this.tid = tid;
    }

    static String group(String csr) {
        if (csr.startsWith("vs")) {
            return GROUPS[3];
        }
        if (csr.startsWith("h")) {
            return GROUPS[2];
        }
        if (csr.startsWith("m")) {
            return GROUPS[0];
        }
        if (csr.startsWith("s")) {
            return GROUPS[1];
        }
        return GROUPS[4];
    }

    /** The groups, each read only when expanded. */
    @Override
    List<Variable> read() {
        Map<String, List<RegisterInfo>> byGroup = new LinkedHashMap<>();
        for (String g : GROUPS) {
            byGroup.put(g, new ArrayList<>());
        }
        for (RegisterInfo r : session.rsp().registers().description().feature("org.gnu.gdb.riscv.csr")) {
            byGroup.get(group(r.name())).add(r);
        }
        List<Variable> out = new ArrayList<>();
        for (Map.Entry<String, List<RegisterInfo>> e : byGroup.entrySet()) {
            if (!e.getValue().isEmpty()) {
                out.add(Vars.expandable(session.variables(), e.getKey(), e.getValue().size() + " CSRs",
                        new Group(e.getValue())));
            }
        }
        return out;
    }

    /** Variables for CSR values with decoded fields as children. */
    static Variable csr(DebugSession session, String name, long value) {
        List<CsrFields.Field> fields = CsrFields.of(name);
        if (fields.isEmpty()) {
            return Vars.of(name, Addresses.hex64(value), 0, "$" + name);
        }
        List<Variable> kids = new ArrayList<>();
        for (CsrFields.Field f : fields) {
            kids.add(Vars.of(f.name(), Addresses.hex(f.of(value))));
        }
        Variable v = Vars.expandable(session.variables(), name, Addresses.hex64(value), Vars.lazy(() -> kids));
        v.setEvaluateName("$" + name);
        return v;
    }

    private final class Group extends LazyScope {
        private final List<RegisterInfo> regs;

        Group(List<RegisterInfo> regs) {
            this.regs = regs;
        }

        @Override
        List<Variable> read() {
            session.select(tid);
            List<Variable> out = new ArrayList<>();
            for (RegisterInfo r : regs) {
                try {
                    out.add(csr(session, r.name(), session.rsp().registers().read(r)));
                } catch (RuntimeException e) {
                    out.add(Vars.of(r.name(), "<unavailable>"));
                }
            }
            return out;
        }

        @Override
        public int size() {
            return regs.size();   // known without reading the target
        }

        @Override
        public String set(String name, String value) {
            return RegisterWrite.write(session, tid, name, value);
        }
    }
}
