package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.dwarf.DwarfType;
import dev.hvscope.plugin.dwarf.GlobalVariable;
import dev.hvscope.plugin.dwarf.ValueFormat;
import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.lsp4j.debug.Variable;

/**
 * evaluate on a DWARF global, or a local of the top frame that lives in memory: {@code name}, then any of {@code .member}, {@code ->member},
 * {@code [index]}, all under optional leading {@code *} (a pointer's target, an array's first
 * element). Anything else, or a name DWARF does not know, is left to {@link Expressions} (so
 * {@code *exit_count} on a non-pointer stays a 64-bit load, as before).
 */
final class GlobalExpression {
    private final DebugSession session;
    private final String text;
    private final TypedValue values;
    private int pos;
    private DwarfType type;
    private long addr;

    private GlobalExpression(DebugSession session, String text) {
        this.session = session;
        this.text = text;
        this.values = new TypedValue(session);
    }

    /** The typed value of {@code text}, or null when it is not a global expression. */
    static Variable evaluate(DebugSession session, String text) {
        GlobalExpression e = new GlobalExpression(session, text.trim());
        return e.locate() ? e.values.variable(e.text, e.text, e.type, e.addr, null, 0) : null;
    }

    /**
     * {@code text} as a number in a condition or log message, C-like: a scalar global (base, enum,
     * pointer; also through members and elements) by its value, read with its type's width and
     * sign; an array or struct by its address. Empty when {@code text} is not a global expression.
     */
    static OptionalLong number(DebugSession session, String text) {
        GlobalExpression e = new GlobalExpression(session, text.trim());
        if (!e.locate()) {
            return OptionalLong.empty();
        }
        DwarfType s = e.type.strip();
        if (s == null || !e.type.scalar()) {
            return OptionalLong.of(e.addr);
        }
        int size = (int) s.size();
        if (size < 1 || size > 8 || s.encoding() == DwarfType.Encoding.FLOAT) {
            throw DapError.badArgs("'" + text + "': a " + e.type.displayName() + " cannot be used in a condition");
        }
        byte[] b = e.values.read(e.addr, size);
        if (b == null) {
            throw DapError.failed("'" + text + "': " + TypedValue.unreadable(e.addr));
        }
        return OptionalLong.of(ValueFormat.extend(e.type, ValueFormat.raw(b, 0, size)));
    }

    /** Where a global expression's value lives: its address and its type's size in bytes. */
    record Storage(long address, long size) {
    }

    /** The storage of a global expression ({@code g}, {@code g.member}, {@code g[i]}), or empty. */
    static Optional<Storage> storage(DebugSession session, String text) {
        GlobalExpression e = new GlobalExpression(session, text.trim());
        return e.locate() ? Optional.of(new Storage(e.addr, e.type.size())) : Optional.empty();
    }

    /** The address of a global expression ({@code &g.member}), or empty. */
    static OptionalLong address(DebugSession session, String text) {
        return storage(session, text).map(st -> OptionalLong.of(st.address())).orElse(OptionalLong.empty());
    }

    /**
     * {@code *g} where g is a non-pointer scalar global: g's value, typed (the contents at the
     * symbol, what {@code *symbol} meant before DWARF was read, now with the right width); or empty.
     */
    static OptionalLong contents(DebugSession session, String text) {
        GlobalExpression e = new GlobalExpression(session, text.trim());
        if (!e.locate() || !e.type.scalar() || e.type.strip().kind() == DwarfType.Kind.POINTER) {
            return OptionalLong.empty();
        }
        return number(session, text);
    }

    /** Resolves the expression to a type and address; false when it is not a global expression. */
    private boolean locate() {
        int derefs = 0;
        while (eat("*")) {
            derefs++;
        }
        String name = identifier();
        if (name == null) {
            return false;
        }
        int postfix = pos;
        if (!scanPostfix()) {
            return false;
        }
        Optional<GlobalVariable> g = LocalsScope.inMemory(session, name); // a local hides a global
        if (g.isEmpty()) {
            g = session.globals().find(session, name);
        }
        if (g.isEmpty()) {
            return false;
        }
        type = g.get().type();
        addr = g.get().address();
        pos = postfix;
        applyPostfix();
        for (int i = 0; i < derefs; i++) {
            DwarfType s = type.strip();
            if (s == null || s.kind() != DwarfType.Kind.POINTER && s.kind() != DwarfType.Kind.ARRAY) {
                if (i == 0 && pos == postfix) {
                    return false; // *name on a non-pointer: the old 64-bit load
                }
                throw DapError.badArgs("'" + text + "': cannot dereference a " + type.displayName());
            }
            element(0);
        }
        return true;
    }

    /** Whether the rest is only postfix operators (checked before the name is looked up). */
    private boolean scanPostfix() {
        while (pos < text.length()) {
            if (eat(".") || eat("->")) {
                if (identifier() == null) {
                    return false;
                }
            } else if (eat("[")) {
                if (index() == null || !eat("]")) {
                    return false;
                }
            } else {
                skipSpace();
                return pos == text.length();
            }
        }
        return true;
    }

    private void applyPostfix() {
        while (pos < text.length()) {
            if (eat(".")) {
                member(identifier());
            } else if (eat("->")) {
                DwarfType s = type.strip();
                if (s == null || s.kind() != DwarfType.Kind.POINTER) {
                    throw DapError.badArgs("'" + text + "': -> needs a pointer, not " + type.displayName());
                }
                element(0);
                member(identifier());
            } else if (eat("[")) {
                long i = index();
                eat("]");
                element(i);
            } else {
                return;
            }
        }
    }

    private void member(String name) {
        DwarfType s = type.strip();
        if (s == null || s.kind() != DwarfType.Kind.STRUCT && s.kind() != DwarfType.Kind.UNION) {
            throw DapError.badArgs("'" + text + "': ." + name + " needs a struct or union, not " + type.displayName());
        }
        for (DwarfType.Member m : s.members()) {
            if (name.equals(m.name())) {
                if (m.bitSize() > 0) {
                    throw DapError.badArgs("'" + text + "': " + name + " is a bit field (expand the struct to see it)");
                }
                type = m.type();
                addr += m.offset();
                return;
            }
        }
        throw DapError.badArgs("'" + text + "': " + type.displayName() + " has no member '" + name + "'");
    }

    /** Element {@code i} of an array, or what a pointer points at plus {@code i}. */
    private void element(long i) {
        DwarfType s = type.strip();
        if (s == null) {
            throw DapError.badArgs("'" + text + "': cannot index void");
        }
        if (s.kind() == DwarfType.Kind.ARRAY) {
            type = s.target();
            addr += i * type.size();
            return;
        }
        if (s.kind() != DwarfType.Kind.POINTER) {
            throw DapError.badArgs("'" + text + "': cannot index a " + type.displayName());
        }
        if (s.target() == null) {
            throw DapError.badArgs("'" + text + "': cannot dereference a " + type.displayName());
        }
        byte[] p = values.read(addr, (int) s.size());
        if (p == null) {
            throw DapError.failed("'" + text + "': " + TypedValue.unreadable(addr));
        }
        type = s.target();
        addr = ValueFormat.raw(p, 0, (int) s.size()) + i * type.size();
    }

    private String identifier() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (pos == start || Character.isDigit(text.charAt(start))) {
            return null;
        }
        return text.substring(start, pos);
    }

    private Long index() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)))) {
            pos++;
        }
        try {
            return Long.decode(text.substring(start, pos));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private boolean eat(String s) {
        skipSpace();
        if (text.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
