package dev.hvscope.plugin.dap;

import dev.hvscope.core.isa.RegNames;
import dev.hvscope.plugin.rspclient.RegisterInfo;
import java.util.OptionalLong;

/**
 * The small expression language of conditions, log points and evaluate: registers ({@code $pc},
 * {@code $a0}, {@code $x10}, {@code $hgatp}), numbers, DWARF globals as C reads them (a scalar by
 * its value with its type's width and sign, also {@code g.member}, {@code g[i]}, {@code p->m},
 * {@code *p}; an array or struct by its address; {@code &g} its address), other ELF symbols by
 * address, {@code *addr} (a 64-bit load through the current hart's view; {@code *g} of a
 * non-pointer global reads g, typed), parentheses, {@code + - & | << >>} and the comparisons
 * {@code == != < <= > >=} (unsigned), {@code && ||}. Everything is a 64-bit integer.
 */
final class Expressions {
    private final DebugSession session;
    private final String text;
    private int pos;

    private Expressions(DebugSession session, String text) {
        this.session = session;
        this.text = text;
    }

    static long evaluate(DebugSession session, String text) {
        if (text == null || text.isBlank()) {
            throw DapError.badArgs("empty expression");
        }
        Expressions e = new Expressions(session, text);
        long v = e.logical();
        e.skipSpace();
        if (e.pos != text.length()) {
            throw DapError.badArgs("unexpected '" + text.substring(e.pos) + "' in expression");
        }
        return v;
    }

    /** The target description name of a register as the user writes it ($x10, $a0, $fp, $f3, $pc, $mstatus). */
    static RegisterInfo register(DebugSession session, String name) {
        String n = name.startsWith("$") ? name.substring(1) : name;
        if (n.equals("fp")) {
            n = "s0";
        } else if (n.matches("x([0-9]|[12][0-9]|3[01])")) {
            n = RegNames.x(Integer.parseInt(n.substring(1)));
        } else if (n.matches("f([0-9]|[12][0-9]|3[01])")) {
            n = RegNames.f(Integer.parseInt(n.substring(1)));
        }
        RegisterInfo r = session.rsp().registers().description().get(n);
        if (r == null) {
            throw DapError.badArgs("no register '" + name + "'");
        }
        return r;
    }

    private long logical() {
        long v = comparison();
        while (true) {
            if (eat("&&")) {
                long r = comparison();
                v = (v != 0 && r != 0) ? 1 : 0;
            } else if (eat("||")) {
                long r = comparison();
                v = (v != 0 || r != 0) ? 1 : 0;
            } else {
                return v;
            }
        }
    }

    private long comparison() {
        long v = sum();
        if (eat("==")) {
            return v == sum() ? 1 : 0;
        } else if (eat("!=")) {
            return v != sum() ? 1 : 0;
        } else if (eat("<=")) {
            return Long.compareUnsigned(v, sum()) <= 0 ? 1 : 0;
        } else if (eat(">=")) {
            return Long.compareUnsigned(v, sum()) >= 0 ? 1 : 0;
        } else if (!peek("<<") && eat("<")) {
            return Long.compareUnsigned(v, sum()) < 0 ? 1 : 0;
        } else if (!peek(">>") && eat(">")) {
            return Long.compareUnsigned(v, sum()) > 0 ? 1 : 0;
        }
        return v;
    }

    private long sum() {
        long v = unary();
        while (true) {
            if (eat("+")) {
                v += unary();
            } else if (eat("-")) {
                v -= unary();
            } else if (eat("<<")) {
                v <<= unary();
            } else if (eat(">>")) {
                v >>>= unary();
            } else if (!peek("&&") && eat("&")) {
                v &= unary();
            } else if (!peek("||") && eat("|")) {
                v |= unary();
            } else {
                return v;
            }
        }
    }

    private long unary() {
        if (eat("&")) {
            String path = path();
            OptionalLong a = path == null ? OptionalLong.empty() : GlobalExpression.address(session, path);
            if (a.isEmpty() && path != null) {
                a = session.symbols().address(path);
            }
            return a.orElseThrow(() -> DapError.badArgs("'&' needs a global or symbol name"));
        }
        if (eat("*")) {
            int at = pos;
            String path = path();
            if (path != null) {
                OptionalLong v = GlobalExpression.number(session, "*" + path);   // a pointer's or array's target
                if (v.isEmpty()) {
                    v = GlobalExpression.contents(session, path);               // *g of a non-pointer: g itself
                }
                if (v.isPresent()) {
                    return v.getAsLong();
                }
            }
            pos = at;
            long addr = unary();
            session.select(session.currentThread());
            return session.virtualMemory().read64(addr);
        }
        if (eat("-")) {
            return -unary();
        }
        if (eat("(")) {
            long v = logical();
            if (!eat(")")) {
                throw DapError.badArgs("missing ')' in expression");
            }
            return v;
        }
        return atom();
    }

    private long atom() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "$_.".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        String tok = text.substring(start, pos);
        if (tok.isEmpty()) {
            throw DapError.badArgs("expected a value at '" + text.substring(start) + "'");
        }
        if (tok.startsWith("$")) {
            session.select(session.currentThread());
            return session.rsp().registers().read(register(session, tok));
        }
        if (Character.isDigit(tok.charAt(0))) {
            return Addresses.parse(tok, false);
        }
        String path = tok + postfix();
        if (path.equals(tok)) {
            OptionalLong local = LocalsScope.number(session, tok);   // a local in a register hides a global
            if (local.isPresent()) {
                return local.getAsLong();
            }
        }
        OptionalLong global = GlobalExpression.number(session, path);
        if (global.isPresent()) {
            return global.getAsLong();
        }
        if (!path.equals(tok)) {
            throw DapError.badArgs("'" + path + "': no DWARF global '" + tok + "' to take members or elements of");
        }
        OptionalLong sym = session.symbols().address(tok);
        if (sym.isPresent()) {
            return sym.getAsLong();
        }
        throw DapError.badArgs("unknown name '" + tok + "' (registers need a $)");
    }

    /** A name with its postfix operators ({@code a.b[2]->c}) at pos, consumed; null (nothing consumed) if none. */
    private String path() {
        skipSpace();
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || "_.".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        if (pos == start || !Character.isLetter(text.charAt(start)) && text.charAt(start) != '_') {
            pos = start;
            return null;
        }
        return text.substring(start, pos) + postfix();
    }

    /** {@code [index]} and {@code ->member} right after a name, consumed. */
    private String postfix() {
        int start = pos;
        while (true) {
            if (text.startsWith("->", pos)) {
                int p = pos + 2;
                while (p < text.length() && (Character.isLetterOrDigit(text.charAt(p)) || "_.".indexOf(text.charAt(p)) >= 0)) {
                    p++;
                }
                pos = p;
            } else if (pos < text.length() && text.charAt(pos) == '[') {
                int close = text.indexOf(']', pos);
                if (close < 0) {
                    throw DapError.badArgs("missing ']' in expression");
                }
                pos = close + 1;
            } else {
                return text.substring(start, pos);
            }
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

    private boolean peek(String s) {
        skipSpace();
        return text.startsWith(s, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
