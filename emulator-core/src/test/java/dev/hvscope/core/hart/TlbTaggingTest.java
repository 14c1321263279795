package dev.hvscope.core.hart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hvscope.core.bus.Bus;
import dev.hvscope.core.bus.Ram;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The TLB is tagged by address space (satp: ASID and root; vsatp + hgatp for guests): switching
 * back to a recent address space finds its translations, and fences drop only what they name.
 */
class TlbTaggingTest {
    private static final long RAM = 0x8000_0000L;
    private static final long DATA = 0x8003_0000L;

    private final Bus bus = new Bus(new Ram(RAM, 1 << 20));
    private final Hart hart = new Hart(0, bus, true, () -> 0L);

    /** An Sv39 satp whose root identity-maps the 1 GiB at 0x8000_0000 with one gigapage leaf. */
    private long space(int asid) {
        long root = RAM + 0x1_0000L + asid * 0x1000L;
        bus.ram().write(root + 2 * 8, 8, ((RAM >>> 12) << 10) | 0xcf);   // V R W X A D
        return (8L << 60) | ((long) asid << 44) | (root >>> 12);
    }

    @BeforeEach
    void supervisorWithPmp() {
        CsrTable.poke(hart, Csr.PMPADDR0, -1L);
        CsrTable.poke(hart, Csr.PMPCFG0, 0x1f);
        hart.setPrivilege(Hart.PRV_S, false);
    }

    private long walksFor(long satp) {
        CsrTable.poke(hart, Csr.SATP, satp);
        long before = hart.pageWalks();
        hart.load64(DATA);
        return hart.pageWalks() - before;
    }

    @Test
    void switchingBackToARecentAddressSpace_findsItsTranslations() {
        long a = space(1);
        long b = space(2);
        assertEquals(1, walksFor(a));
        assertEquals(0, walksFor(a));
        assertEquals(1, walksFor(b));
        assertEquals(0, walksFor(a), "A's entries survived the switch to B");
        assertEquals(0, walksFor(b));
    }

    @Test
    void sfenceWithAnAsid_dropsOnlyThatAddressSpace() {
        long a = space(1);
        long b = space(2);
        walksFor(a);
        walksFor(b);
        hart.fenceSupervisor(1);
        assertEquals(0, walksFor(b));
        assertEquals(1, walksFor(a));
        hart.fenceSupervisor(-1);
        assertEquals(1, walksFor(a));
        assertEquals(1, walksFor(b));
    }

    @Test
    void moreAddressSpacesThanBanks_evictTheLeastRecentlyUsed() {
        long[] spaces = new long[Tlb.BANKS + 1];
        for (int k = 0; k < spaces.length; k++) {
            spaces[k] = space(k + 1);
            assertEquals(1, walksFor(spaces[k]));
        }
        assertEquals(1, walksFor(spaces[0]), "the oldest address space was evicted");
        assertEquals(0, walksFor(spaces[spaces.length - 1]));
    }
}
