package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.dwarf.CodeScope;
import dev.hvscope.plugin.dwarf.DwarfException;
import dev.hvscope.plugin.dwarf.DwarfExpression;
import dev.hvscope.plugin.dwarf.DwarfType;
import dev.hvscope.plugin.dwarf.GlobalVariable;
import dev.hvscope.plugin.dwarf.LocalVariable;
import dev.hvscope.plugin.dwarf.ValueFormat;
import dev.hvscope.plugin.rspclient.RspException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.lsp4j.debug.Variable;

/**
 * The Locals scope: the parameters and local variables DWARF gives for the top frame's pc, the
 * innermost block (or inlined call) first so an inner name hides an outer one. A variable in
 * memory is a {@link TypedValue} (expandable, settable); one in a register or computed
 * (DW_OP_stack_value, a constant) is its value formatted by its type; where no location covers
 * the pc it is {@code <optimized out>}.
 */
final class LocalsScope extends LazyScope {
    static final String OPTIMIZED_OUT = "<optimized out>";

    private final DebugSession session;
    private final long tid;

    LocalsScope(DebugSession session, long tid) {
        this.session = session;
        this.tid = tid;
    }

    /** The scope when the selected hart's pc is in a function the current ELFs describe, else null. */
    static LocalsScope ifAvailable(DebugSession session, long tid) {
        try {
            session.select(tid);
            return TopFrame.locate(session).isPresent() ? new LocalsScope(session, tid) : null;
        } catch (RspException | DwarfException e) {
            return null;
        }
    }

    /** The live locals by name, innermost first. */
    private static Map<String, LocalVariable> live(TopFrame.Located at) {
        Map<String, LocalVariable> out = new LinkedHashMap<>();
        List<CodeScope> scopes = at.scopes();
        for (int i = scopes.size() - 1; i >= 0; i--) {
            for (LocalVariable v : scopes.get(i).locals()) {
                out.putIfAbsent(v.name(), v);
            }
        }
        return out;
    }

    @Override
    List<Variable> read() {
        session.select(tid);
        Optional<TopFrame.Located> at = TopFrame.locate(session);
        List<Variable> out = new ArrayList<>();
        if (at.isPresent()) {
            for (LocalVariable v : live(at.get()).values()) {
                out.add(variable(session, at.get().frame(), v));
            }
        }
        return out;
    }

    /** {@code name} as a local of the selected hart's top frame, or null when it is none. */
    static Variable evaluate(DebugSession session, String name) {
        if (!name.matches("[A-Za-z_][A-Za-z_0-9]*")) {
            return null;
        }
        Optional<TopFrame.Located> at;
        try {
            at = TopFrame.locate(session);
        } catch (DwarfException e) {
            return null;
        }
        if (at.isEmpty()) {
            return null;
        }
        LocalVariable v = live(at.get()).get(name);
        return v == null ? null : variable(session, at.get().frame(), v);
    }

    /**
     * {@code name} as a local of the top frame that is in memory at the pc, as a global-like
     * object (address and type) for member, element and pointer expressions; empty otherwise.
     */
    static Optional<GlobalVariable> inMemory(DebugSession session, String name) {
        try {
            Optional<TopFrame.Located> at = TopFrame.locate(session);
            LocalVariable v = at.isEmpty() ? null : live(at.get()).get(name);
            byte[] expr = v == null || v.location() == null ? null : v.location().at(at.get().frame().pc());
            if (expr == null) {
                return Optional.empty();
            }
            DwarfExpression.Place p = DwarfExpression.evaluate(expr, at.get().frame(), 8);
            return p.kind() == DwarfExpression.Place.Kind.MEMORY
                    ? Optional.of(new GlobalVariable(name, p.value(), v.type(), false)) : Optional.empty();
        } catch (DwarfException | RspException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code name} as a scalar local of the top frame held in a register, computed or constant, as
     * a number for conditions and log points (width and sign from its type); empty when it is none
     * (locals in memory go through {@link #inMemory}, like globals).
     */
    static OptionalLong number(DebugSession session, String name) {
        try {
            Optional<TopFrame.Located> at = TopFrame.locate(session);
            LocalVariable v = at.isEmpty() ? null : live(at.get()).get(name);
            if (v == null || !v.type().scalar()) {
                return OptionalLong.empty();
            }
            long raw;
            if (v.constValue() != null) {
                raw = v.constValue();
            } else {
                byte[] expr = v.location() == null ? null : v.location().at(at.get().frame().pc());
                DwarfExpression.Place p = expr == null ? null : DwarfExpression.evaluate(expr, at.get().frame(), 8);
                if (p == null || p.kind() == DwarfExpression.Place.Kind.MEMORY) {
                    return OptionalLong.empty();
                }
                if (p.kind() == DwarfExpression.Place.Kind.REGISTER) {
                    raw = at.get().frame().register((int) p.value());
                } else if (p.kind() == DwarfExpression.Place.Kind.VALUE) {
                    raw = p.value();
                } else {
                    throw DapError.badArgs("'" + name + "' is " + OPTIMIZED_OUT + " here");
                }
            }
            return OptionalLong.of(ValueFormat.extend(v.type(), raw));
        } catch (DwarfException | RspException e) {
            return OptionalLong.empty();
        }
    }

    static Variable variable(DebugSession session, TopFrame frame, LocalVariable v) {
        DwarfType type = v.type();
        String value;
        try {
            if (v.constValue() != null) {
                value = ValueFormat.scalar(type, v.constValue());
            } else {
                byte[] expr = v.location() == null ? null : v.location().at(frame.pc());
                DwarfExpression.Place p = expr == null ? null : DwarfExpression.evaluate(expr, frame, 8);
                if (p == null) {
                    value = OPTIMIZED_OUT;
                } else {
                    switch (p.kind()) {
                        case MEMORY:
                            return new TypedValue(session).variable(v.name(), v.name(), type, p.value(), null, 0);
                        case REGISTER: value = inRegister(type, frame.register((int) p.value())); break;
                        case VALUE: value = inRegister(type, p.value()); break;
                        case IMPLICIT: value = ValueFormat.format(type, padded(p.bytes(), type), 0); break;
                        case PIECES: value = "<pieces not shown>"; break;
                        default: value = OPTIMIZED_OUT;
                    }
                }
            }
        } catch (DwarfException e) {
            value = "<" + e.getMessage() + ">";
        }
        Variable out = Vars.of(v.name(), value);
        out.setType(type.displayName());
        out.setEvaluateName(v.name());
        return out;
    }

    /** A value held in a register (or computed): its low bytes as the type says. */
    private static String inRegister(DwarfType type, long v) {
        if (type.scalar()) {
            return ValueFormat.scalar(type, v);
        }
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return ValueFormat.format(type, padded(b, type), 0);
    }

    private static byte[] padded(byte[] b, DwarfType type) {
        int size = (int) Math.max(0, Math.min(1 << 16, type.size()));
        return b.length >= size ? b : java.util.Arrays.copyOf(b, size);
    }

    @Override
    public String set(String name, String value) {
        session.select(tid);
        TopFrame.Located at = TopFrame.locate(session)
                .orElseThrow(() -> DapError.state("the pc is not in a function with debug info"));
        LocalVariable v = live(at).get(name);
        if (v == null) {
            throw DapError.badArgs("no local '" + name + "'");
        }
        byte[] expr = v.location() == null ? null : v.location().at(at.frame().pc());
        DwarfExpression.Place p = expr == null ? null : DwarfExpression.evaluate(expr, at.frame(), 8);
        if (p == null || p.kind() != DwarfExpression.Place.Kind.MEMORY) {
            throw DapError.state("only locals in memory can be set; '" + name + "' is not in memory here");
        }
        return new TypedValue(session).set(v.type(), p.value(), value);
    }
}
