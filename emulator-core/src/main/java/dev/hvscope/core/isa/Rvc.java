package dev.hvscope.core.isa;

/** TEMPORARY until the isa branch lands. */
public final class Rvc {
    private Rvc() {
    }

    public static int expand(int insn16) {
        return 0;
    }
}
