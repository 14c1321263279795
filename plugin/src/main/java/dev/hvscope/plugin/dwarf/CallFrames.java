package dev.hvscope.plugin.dwarf;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CFA rules of {@code .debug_frame}: for a pc, the FDE covering it and its CIE's initial
 * instructions then the FDE's, run up to the pc, give the canonical frame address as register +
 * offset (RISC-V gcc: sp + N). Register rules are parsed past, not kept: only the top frame's
 * CFA is needed. A CFA given by an expression is not supported (empty).
 */
public final class CallFrames {
    /** CFA = value of DWARF register {@code register} + {@code offset}. */
    public record Cfa(int register, long offset) {
    }

    private record Cie(long codeAlign, long dataAlign, int addressSize, byte[] initial) {
    }

    private record Fde(Cie cie, long start, long end, byte[] instructions) {
    }

    private final List<Fde> fdes;

    private CallFrames(List<Fde> fdes) {
        this.fdes = fdes;
    }

    public static CallFrames none() {
        return new CallFrames(List.of());
    }

    /** Reads every CIE and FDE of {@code .debug_frame}; a corrupt entry ends the reading (earlier ones stay). */
    public static CallFrames read(byte[] section, int addressSize) {
        DwarfReader s = new DwarfReader(".debug_frame", section);
        List<Fde> fdes = new ArrayList<>();
        Map<Long, Cie> cies = new HashMap<>();
        try {
            while (!s.atEnd()) {
                long length = s.u32();
                if (length == 0) {
                    continue;
                }
                if (length >= 0xffff_fff0L) {
                    throw s.error("64-bit .debug_frame entries are not read");
                }
                DwarfReader e = s.slice(length);
                long id = e.u32();
                if (id == 0xffff_ffffL) {
                    continue; // CIEs are read when an FDE points at them
                }
                Cie cie = cies.get(id);
                if (cie == null) {
                    cie = cie(s.at(id), addressSize);
                    cies.put(id, cie);
                }
                long start = e.unsigned(cie.addressSize);
                long range = e.unsigned(cie.addressSize);
                fdes.add(new Fde(cie, start, start + range, rest(e)));
            }
        } catch (DwarfException ignored) {
            // what was read before the corrupt entry still holds
        }
        return new CallFrames(fdes);
    }

    private static Cie cie(DwarfReader at, int addressSize) {
        long length = at.u32();
        DwarfReader c = at.slice(length);
        if (c.u32() != 0xffff_ffffL) {
            throw c.error("an FDE's CIE pointer does not point at a CIE");
        }
        int version = c.u8();
        String augmentation = c.cstring();
        if (!augmentation.isEmpty()) {
            throw c.error("CIE augmentation '" + augmentation + "' is not read");
        }
        int size = addressSize;
        if (version >= 4) {
            size = c.u8();
            c.u8(); // segment selector size
        }
        long codeAlign = c.uleb();
        long dataAlign = c.sleb();
        if (version == 1) {
            c.u8();
        } else {
            c.uleb();
        }
        return new Cie(codeAlign, dataAlign, size, rest(c));
    }

    private static byte[] rest(DwarfReader r) {
        return r.bytes(r.limit() - r.position());
    }

    /** The CFA rule at {@code pc}, or empty when no FDE covers it or the rule is an expression. */
    public Optional<Cfa> cfa(long pc) {
        for (Fde f : fdes) {
            if (Long.compareUnsigned(pc, f.start) >= 0 && Long.compareUnsigned(pc, f.end) < 0) {
                long[] rule = {-1, 0};
                run(f.cie.initial, f.cie, f.start, rule, false, pc);
                run(f.instructions, f.cie, f.start, rule, true, pc);
                return rule[0] < 0 ? Optional.empty() : Optional.of(new Cfa((int) rule[0], rule[1]));
            }
        }
        return Optional.empty();
    }

    /**
     * Runs a CIE's initial instructions, or an FDE's while its location stays at or below
     * {@code pc}. {@code rule} is {register, offset}, register -1 when unknown or an expression.
     */
    private static void run(byte[] instructions, Cie cie, long start, long[] rule, boolean fde, long pc) {
        DwarfReader r = new DwarfReader(".debug_frame", instructions);
        long loc = start;
        Deque<long[]> saved = new ArrayDeque<>();
        while (!r.atEnd()) {
            int op = r.u8();
            int high = op >> 6;
            int low = op & 0x3f;
            long advance = -1;
            if (high == 1) {
                advance = low * cie.codeAlign;
            } else if (high == 2) {
                r.uleb();                                           // offset(reg)
            } else if (high == 3) {
                // restore(reg): register rules are not kept
            } else {
                switch (op) {
                    case 0x00: break;                                                   // nop
                    case 0x01: loc = r.unsigned(cie.addressSize); advance = -2; break;  // set_loc
                    case 0x02: advance = r.u8() * cie.codeAlign; break;
                    case 0x03: advance = r.u16() * cie.codeAlign; break;
                    case 0x04: advance = r.u32() * cie.codeAlign; break;
                    case 0x05: r.uleb(); r.uleb(); break;                               // offset_extended
                    case 0x06: case 0x07: case 0x08: r.uleb(); break;                   // restore_ext, undefined, same_value
                    case 0x09: r.uleb(); r.uleb(); break;                               // register
                    case 0x0a: saved.push(rule.clone()); break;                         // remember_state
                    case 0x0b: {                                                        // restore_state
                        if (saved.isEmpty()) {
                            throw r.error("restore_state without remember_state");
                        }
                        long[] s = saved.pop();
                        rule[0] = s[0];
                        rule[1] = s[1];
                        break;
                    }
                    case 0x0c: rule[0] = r.uleb(); rule[1] = r.uleb(); break;           // def_cfa
                    case 0x0d: rule[0] = r.uleb(); break;                               // def_cfa_register
                    case 0x0e: rule[1] = r.uleb(); break;                               // def_cfa_offset
                    case 0x0f: r.bytes(r.uleb()); rule[0] = -1; break;                  // def_cfa_expression
                    case 0x10: case 0x16: r.uleb(); r.bytes(r.uleb()); break;           // expression, val_expression
                    case 0x11: case 0x15: r.uleb(); r.sleb(); break;                    // offset_extended_sf, val_offset_sf
                    case 0x12: rule[0] = r.uleb(); rule[1] = r.sleb() * cie.dataAlign; break; // def_cfa_sf
                    case 0x13: rule[1] = r.sleb() * cie.dataAlign; break;               // def_cfa_offset_sf
                    case 0x14: r.uleb(); r.uleb(); break;                               // val_offset
                    case 0x2e: r.uleb(); break;                                         // GNU_args_size
                    default:
                        throw r.error("call frame instruction 0x" + Integer.toHexString(op));
                }
            }
            if (advance >= 0) {
                loc += advance;
            }
            if (fde && Long.compareUnsigned(loc, pc) > 0) {
                return; // the rows from here on are for later pcs
            }
            if (rule[0] > 4096) {
                throw r.error("CFA register " + rule[0]);
            }
        }
    }
}
