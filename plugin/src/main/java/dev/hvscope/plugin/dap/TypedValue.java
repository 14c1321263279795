package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.dwarf.DwarfType;
import dev.hvscope.plugin.dwarf.ValueFormat;
import dev.hvscope.plugin.rspclient.RspException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Variable;

/**
 * A DWARF-typed object in target memory as a DAP variable: scalars read and formatted
 * ({@link ValueFormat}), structures and unions expanding to their members, arrays to their
 * elements (paged, read a page at a time). Memory is read through the current hart's view, so a
 * guest's globals at V=1 go through the guest's translation. Scalars can be set.
 */
final class TypedValue {
    /** Structures up to this size are read whole when expanded; larger ones member by member. */
    private static final int WHOLE_READ_LIMIT = 4096;

    private final DebugSession session;

    TypedValue(DebugSession session) {
        this.session = session;
    }

    /** The variable for the object of {@code type} at {@code addr}; {@code bytes} (may be null) already hold it from {@code off}. */
    Variable variable(String name, String evaluateName, DwarfType type, long addr, byte[] bytes, int off) {
        DwarfType t = type.strip();
        Variable v;
        if (t != null && (t.kind() == DwarfType.Kind.STRUCT || t.kind() == DwarfType.Kind.UNION)) {
            v = Vars.expandable(session.variables(), name, ValueFormat.format(type, new byte[0], 0),
                    new Members(t, addr, evaluateName));
        } else if (t != null && t.kind() == DwarfType.Kind.ARRAY && t.target() != null && t.target().size() > 0) {
            v = Vars.expandable(session.variables(), name, ValueFormat.format(type, new byte[0], 0),
                    new Elements(t, addr, evaluateName));
        } else {
            if (bytes == null) {
                bytes = read(addr, (int) type.size());
                off = 0;
            }
            v = Vars.of(name, bytes == null ? unreadable(addr) : ValueFormat.format(type, bytes, off));
        }
        v.setEvaluateName(evaluateName);
        v.setType(type.displayName());
        v.setMemoryReference(Addresses.hex(addr));
        return v;
    }

    /** The object's bytes, or null when the target cannot read them. */
    byte[] read(long addr, int size) {
        if (size <= 0) {
            return new byte[0];
        }
        try {
            session.select(session.currentThread());
            byte[] b = session.virtualMemory().read(addr, size);
            return b.length == size ? b : null;
        } catch (RspException e) {
            return null;
        }
    }

    static String unreadable(long addr) {
        return "<cannot read memory at " + Addresses.hex(addr) + ">";
    }

    /** Writes {@code text} (an enumerator name, a float for float types, else an expression) into the scalar at {@code addr}. */
    String set(DwarfType type, long addr, String text) {
        if (!type.scalar()) {
            throw DapError.state("only scalars can be set, not " + type.displayName());
        }
        DwarfType t = type.strip();
        int size = (int) t.size();
        if (size <= 0 || size > 8) {
            throw DapError.state("cannot set a " + size + "-byte " + type.displayName());
        }
        long v = value(t, text.trim());
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        session.select(session.currentThread());
        session.virtualMemory().write(addr, b);
        byte[] back = read(addr, size);
        return back == null ? unreadable(addr) : ValueFormat.format(type, back, 0);
    }

    private long value(DwarfType t, String text) {
        if (t.kind() == DwarfType.Kind.ENUM) {
            for (var e : t.enumerators().entrySet()) {
                if (e.getValue().equals(text)) {
                    return e.getKey();
                }
            }
        }
        if (t.kind() == DwarfType.Kind.BASE && t.encoding() == DwarfType.Encoding.FLOAT) {
            try {
                double d = Double.parseDouble(text);
                return t.size() == 4 ? Float.floatToIntBits((float) d) : Double.doubleToLongBits(d);
            } catch (NumberFormatException e) {
                throw DapError.badArgs("'" + text + "' is not a number");
            }
        }
        if (t.kind() == DwarfType.Kind.BASE && t.encoding() == DwarfType.Encoding.BOOLEAN) {
            if (text.equals("true")) {
                return 1;
            }
            if (text.equals("false")) {
                return 0;
            }
        }
        if (text.length() == 3 && text.charAt(0) == '\'' && text.charAt(2) == '\'') {
            return text.charAt(1);
        }
        return Expressions.evaluate(session, text);
    }

    /** The members of a structure or union. */
    private final class Members implements VariableContainer {
        private final DwarfType type;
        private final long addr;
        private final String evaluateName;

        Members(DwarfType type, long addr, String evaluateName) {
            this.type = type;
            this.addr = addr;
            this.evaluateName = evaluateName;
        }

        @Override
        public int size() {
            return type.members().size();
        }

        @Override
        public List<Variable> variables(int start, int count) {
            long size = type.size();
            byte[] whole = size > 0 && size <= WHOLE_READ_LIMIT ? read(addr, (int) size) : null;
            List<Variable> out = new ArrayList<>();
            List<DwarfType.Member> ms = type.members();
            for (int i = Math.max(0, start); i < ms.size() && out.size() < count; i++) {
                out.add(member(ms.get(i), whole));
            }
            return out;
        }

        private Variable member(DwarfType.Member m, byte[] whole) {
            String name = m.name() == null ? "<anonymous>" : m.name();
            String eval = evaluateName == null || m.name() == null ? null : evaluateName + "." + m.name();
            if (m.bitSize() > 0) {
                int first = (int) (m.bitOffset() / 8);
                int span = (int) ((m.bitOffset() % 8 + m.bitSize() + 7) / 8);
                byte[] b = whole != null ? whole : read(addr + first, span);
                long base = whole != null ? 0 : first * 8L;
                Variable v = Vars.of(name, b == null ? unreadable(addr + first)
                        : ValueFormat.scalar(m.type(), ValueFormat.bits(b, m.bitOffset() - base, m.bitSize())));
                v.setType(m.type().displayName() + " : " + m.bitSize());
                v.setEvaluateName(eval);
                return v;
            }
            return variable(name, eval, m.type(), addr + m.offset(), whole, (int) m.offset());
        }

        @Override
        public String set(String name, String value) {
            for (DwarfType.Member m : type.members()) {
                if (name.equals(m.name()) && m.bitSize() == 0) {
                    return TypedValue.this.set(m.type(), addr + m.offset(), value);
                }
            }
            throw DapError.state("'" + name + "' cannot be set (bit fields and aggregates cannot)");
        }
    }

    /** The elements of an array, paged by the client. */
    private final class Elements implements VariableContainer {
        private final DwarfType type;
        private final long addr;
        private final String evaluateName;

        Elements(DwarfType type, long addr, String evaluateName) {
            this.type = type;
            this.addr = addr;
            this.evaluateName = evaluateName;
        }

        @Override
        public int size() {
            return (int) Math.min(Integer.MAX_VALUE, type.count());
        }

        @Override
        public boolean indexed() {
            return true;
        }

        @Override
        public List<Variable> variables(int start, int count) {
            DwarfType elem = type.target();
            long esize = elem.size();
            int from = Math.max(0, start);
            int n = (int) Math.max(0, Math.min(count, size() - (long) from));
            byte[] page = elem.scalar() && n > 0 ? read(addr + from * esize, (int) (n * esize)) : null;
            List<Variable> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                long at = addr + (from + i) * esize;
                String idx = "[" + (from + i) + "]";
                out.add(variable(idx, evaluateName == null ? null : evaluateName + idx, elem, at, page,
                        (int) (i * esize)));
            }
            return out;
        }

        @Override
        public String set(String name, String value) {
            if (!name.startsWith("[") || !name.endsWith("]")) {
                throw DapError.badArgs("no element '" + name + "'");
            }
            long i = Long.parseLong(name.substring(1, name.length() - 1));
            return TypedValue.this.set(type.target(), addr + i * type.target().size(), value);
        }
    }
}
