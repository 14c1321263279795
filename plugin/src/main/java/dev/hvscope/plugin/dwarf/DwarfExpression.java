package dev.hvscope.plugin.dwarf;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Evaluates a DWARF location expression for the top frame: the common operations gcc emits for
 * locals (registers, register + offset, frame base, CFA, addresses, constants and arithmetic,
 * stack_value, implicit_value). Operations that need the caller's state (entry_value) or that are
 * not implemented make the variable {@link Place.Kind#OPTIMIZED_OUT}; pieces are
 * {@link Place.Kind#PIECES}. Corrupt bytes are a {@link DwarfException}.
 */
public final class DwarfExpression {
    /** The machine state an expression reads; DWARF register numbers (RISC-V: 0-31 x, 32-63 f). */
    public interface Frame {
        long register(int dwarfRegister);

        /** The canonical frame address at the pc. */
        long cfa();

        /** The function's frame base (DW_AT_frame_base evaluated). */
        long frameBase();

        /** {@code size} bytes of memory at {@code address}, little endian. */
        long memory(long address, int size);
    }

    /** Where a value is: in a register, in memory, the value itself, or nowhere. */
    public record Place(Kind kind, long value, byte[] bytes) {
        public enum Kind { REGISTER, MEMORY, VALUE, IMPLICIT, OPTIMIZED_OUT, PIECES }

        static Place of(Kind kind, long value) {
            return new Place(kind, value, null);
        }
    }

    private DwarfExpression() {
    }

    public static Place evaluate(byte[] expr, Frame frame, int addressSize) {
        DwarfReader r = new DwarfReader("DWARF expression", expr);
        Deque<Long> stack = new ArrayDeque<>();
        if (expr.length == 0) {
            return Place.of(Place.Kind.OPTIMIZED_OUT, 0);
        }
        int steps = 0;
        while (!r.atEnd()) {
            if (++steps > 10_000) {
                throw r.error("expression runs too long");
            }
            int op = r.u8();
            if (op >= 0x30 && op <= 0x4f) {                         // lit0..31
                stack.push((long) (op - 0x30));
                continue;
            }
            if (op >= 0x50 && op <= 0x6f) {                         // reg0..31
                return register(r, op - 0x50);
            }
            if (op >= 0x70 && op <= 0x8f) {                         // breg0..31
                stack.push(frame.register(op - 0x70) + r.sleb());
                continue;
            }
            switch (op) {
                case 0x03: stack.push(r.unsigned(addressSize)); break;            // addr
                case 0x06: stack.push(frame.memory(pop(stack, r), addressSize)); break; // deref
                case 0x08: stack.push((long) r.u8()); break;                       // const1u
                case 0x09: stack.push((long) r.s8()); break;                       // const1s
                case 0x0a: stack.push((long) r.u16()); break;                      // const2u
                case 0x0b: stack.push((long) (short) r.u16()); break;              // const2s
                case 0x0c: stack.push(r.u32()); break;                             // const4u
                case 0x0d: stack.push((long) (int) r.u32()); break;                // const4s
                case 0x0e: case 0x0f: stack.push(r.u64()); break;                  // const8u/s
                case 0x10: stack.push(r.uleb()); break;                            // constu
                case 0x11: stack.push(r.sleb()); break;                            // consts
                case 0x12: stack.push(peek(stack, r)); break;                      // dup
                case 0x13: pop(stack, r); break;                                   // drop
                case 0x14: {                                                       // over
                    long a = pop(stack, r);
                    long b = peek(stack, r);
                    stack.push(a);
                    stack.push(b);
                    break;
                }
                case 0x16: {                                                       // swap
                    long a = pop(stack, r);
                    long b = pop(stack, r);
                    stack.push(a);
                    stack.push(b);
                    break;
                }
                case 0x1a: stack.push(pop(stack, r) & pop(stack, r)); break;       // and
                case 0x1c: { long b = pop(stack, r); stack.push(pop(stack, r) - b); break; } // minus
                case 0x1e: stack.push(pop(stack, r) * pop(stack, r)); break;       // mul
                case 0x1f: stack.push(-pop(stack, r)); break;                      // neg
                case 0x20: stack.push(~pop(stack, r)); break;                      // not
                case 0x21: stack.push(pop(stack, r) | pop(stack, r)); break;       // or
                case 0x22: stack.push(pop(stack, r) + pop(stack, r)); break;       // plus
                case 0x23: stack.push(pop(stack, r) + r.uleb()); break;            // plus_uconst
                case 0x24: { long b = pop(stack, r); stack.push(pop(stack, r) << b); break; }  // shl
                case 0x25: { long b = pop(stack, r); stack.push(pop(stack, r) >>> b); break; } // shr
                case 0x26: { long b = pop(stack, r); stack.push(pop(stack, r) >> b); break; }  // shra
                case 0x27: stack.push(pop(stack, r) ^ pop(stack, r)); break;       // xor
                case 0x90: return register(r, r.uleb());                           // regx
                case 0x91: stack.push(frame.frameBase() + r.sleb()); break;        // fbreg
                case 0x92: {                                                       // bregx
                    long reg = r.uleb();
                    stack.push(frame.register(checkedRegister(r, reg)) + r.sleb());
                    break;
                }
                case 0x93: return Place.of(Place.Kind.PIECES, 0);                  // piece
                case 0x96: break;                                                  // nop
                case 0x9c: stack.push(frame.cfa()); break;                         // call_frame_cfa
                case 0x9e: {                                                       // implicit_value
                    byte[] b = r.bytes(r.uleb());
                    return new Place(Place.Kind.IMPLICIT, 0, b);
                }
                case 0x9f: return Place.of(Place.Kind.VALUE, pop(stack, r));      // stack_value
                default:
                    // entry_value (0xa3, GNU 0xf3), implicit_pointer, typed ops...: not known at this stop
                    return Place.of(Place.Kind.OPTIMIZED_OUT, 0);
            }
        }
        return Place.of(Place.Kind.MEMORY, pop(stack, r));
    }

    private static Place register(DwarfReader r, long reg) {
        if (!r.atEnd()) {
            return Place.of(r.u8() == 0x93 ? Place.Kind.PIECES : Place.Kind.OPTIMIZED_OUT, 0);
        }
        return Place.of(Place.Kind.REGISTER, checkedRegister(r, reg));
    }

    private static int checkedRegister(DwarfReader r, long reg) {
        if (reg < 0 || reg > 4096) {
            throw r.error("register " + reg);
        }
        return (int) reg;
    }

    private static long pop(Deque<Long> stack, DwarfReader r) {
        if (stack.isEmpty()) {
            throw r.error("expression pops an empty stack");
        }
        return stack.pop();
    }

    private static long peek(Deque<Long> stack, DwarfReader r) {
        if (stack.isEmpty()) {
            throw r.error("expression reads an empty stack");
        }
        return stack.peek();
    }
}
