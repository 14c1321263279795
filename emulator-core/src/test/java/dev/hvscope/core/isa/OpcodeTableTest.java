package dev.hvscope.core.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpcodeTableTest {

    @Test
    void illegalIsOrdinalZero_soAZeroedCacheEntryIsIllegal() {
        assertEquals(0, Opcode.ILLEGAL.ordinal());
        assertEquals(Opcode.ILLEGAL, Decoder.decode(0));
    }

    @Test
    void everyPattern_has32BitsOfZeroOneOrDot() {
        for (Opcode op : Opcode.values()) {
            if (op.isInternal()) {
                continue;
            }
            assertEquals(32, op.pattern().length(), op.name());
            assertTrue(op.pattern().matches("[01.]{32}"), op.name());
            assertEquals(3, op.match() & 3, op.name() + " must be a 32-bit encoding");
        }
    }

    @Test
    void noTwoPatterns_overlap() {
        List<String> overlaps = new ArrayList<>();
        Opcode[] all = Opcode.values();
        for (int i = 0; i < all.length; i++) {
            for (int j = i + 1; j < all.length; j++) {
                Opcode a = all[i];
                Opcode b = all[j];
                if (a.isInternal() || b.isInternal()) {
                    continue;
                }
                if (((a.match() ^ b.match()) & a.mask() & b.mask()) == 0) {
                    overlaps.add(a + "/" + b);
                }
            }
        }
        assertEquals(List.of(), overlaps);
    }

    @Test
    void everyOpcode_decodesItsOwnMatchValueAndRandomOperands() {
        Random rnd = new Random(42);
        for (Opcode op : Opcode.values()) {
            if (op.isInternal()) {
                continue;
            }
            assertEquals(op, Decoder.decode(op.match()), op.name());
            for (int k = 0; k < 200; k++) {
                int w = (rnd.nextInt() & ~op.mask()) | op.match();
                assertEquals(op, Decoder.decode(w), op.name() + " " + Integer.toHexString(w));
            }
        }
    }

    @Test
    void decoder_agreesWithLinearScanOfTheTable() {
        Random rnd = new Random(7);
        for (int k = 0; k < 200_000; k++) {
            int w = rnd.nextInt() | 3;
            Opcode expected = Opcode.ILLEGAL;
            for (Opcode op : Opcode.values()) {
                if (!op.isInternal() && (w & op.mask()) == op.match()) {
                    expected = op;
                    break;
                }
            }
            assertEquals(expected, Decoder.decode(w), Integer.toHexString(w));
            assertEquals(expected.ordinal(), Decoder.ordinal(w));
        }
    }

    @Test
    void reservedEncodings_decodeAsIllegal() {
        assertEquals(Opcode.ILLEGAL, Decoder.decode(0x04051513)); // slli with funct6 000001
        assertEquals(Opcode.ILLEGAL, Decoder.decode(0x0205151b)); // slliw with shamt[5]=1
        assertEquals(Opcode.ILLEGAL, Decoder.decode(0x00007003)); // load funct3 111
        assertEquals(Opcode.ILLEGAL, Decoder.decode(0xffffffff));
        assertEquals(Opcode.ILLEGAL, Decoder.decode(0x4505)); // compressed, not expanded
        // FP rounding modes 5 and 6 are checked by the hart at execution, not by the decoder.
        assertEquals(Opcode.FADD_S, Decoder.decode(0x00b55553));
        assertEquals(Opcode.FADD_S, Decoder.decode(0x00b56553));
    }

    @Test
    void decode_allocatesNothing() {
        com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        int[] words = new int[4096];
        Random rnd = new Random(1);
        for (int i = 0; i < words.length; i++) {
            words[i] = rnd.nextInt();
        }
        long sink = 0;
        for (int round = 0; round < 50; round++) { // warm up so the JIT has compiled it
            for (int w : words) {
                sink += Decoder.ordinal(w) + Rvc.expand(w);
            }
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int round = 0; round < 200; round++) {
            for (int w : words) {
                sink += Decoder.ordinal(w) + Rvc.expand(w);
            }
        }
        long allocated = bean.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes (sink " + sink + ")");
    }
}
