package dev.hvscope.core.isa;

/** TEMPORARY linear decoder until the isa branch lands. */
public final class Decoder {
    private Decoder() {
    }

    public static Opcode decode(int insn) {
        for (int i = 2; i < Opcode.count(); i++) {
            Opcode o = Opcode.of(i);
            if ((insn & o.mask()) == o.match()) {
                return o;
            }
        }
        return Opcode.ILLEGAL;
    }
}
