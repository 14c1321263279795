package dev.hvscope.plugin.dwarf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A piece of code that has variables: a function (DW_TAG_subprogram), a lexical block, or an
 * inlined call (DW_TAG_inlined_subroutine), with the pc ranges it covers, its parameters and
 * local variables, and the scopes nested in it. A function also has its DW_AT_frame_base.
 */
public final class CodeScope {
    public enum Kind { FUNCTION, BLOCK, INLINED }

    private final Kind kind;
    String name;
    final List<long[]> ranges = new ArrayList<>();
    byte[] frameBase;
    final List<LocalVariable> locals = new ArrayList<>();
    final List<CodeScope> children = new ArrayList<>();

    CodeScope(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /** The function's name (the inlined function's for an inlined call); null for a block. */
    public String name() {
        return name;
    }

    /** The [low, high) address ranges, empty when the scope has no code (an abstract instance). */
    public List<long[]> ranges() {
        return Collections.unmodifiableList(ranges);
    }

    /** The function's DW_AT_frame_base expression, or null. */
    public byte[] frameBase() {
        return frameBase;
    }

    public List<LocalVariable> locals() {
        return Collections.unmodifiableList(locals);
    }

    public List<CodeScope> children() {
        return Collections.unmodifiableList(children);
    }

    public boolean covers(long pc) {
        for (long[] r : ranges) {
            if (Long.compareUnsigned(pc, r[0]) >= 0 && Long.compareUnsigned(pc, r[1]) < 0) {
                return true;
            }
        }
        return false;
    }

    /** The scopes covering {@code pc} from this one inward (this one first); empty when this one does not cover it. */
    public List<CodeScope> chain(long pc) {
        List<CodeScope> out = new ArrayList<>();
        CodeScope s = this;
        while (s != null && s.covers(pc)) {
            out.add(s);
            CodeScope next = null;
            for (CodeScope c : s.children) {
                if (c.covers(pc)) {
                    next = c;
                    break;
                }
            }
            s = next;
        }
        return out;
    }
}
