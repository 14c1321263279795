package dev.hvscope.core.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FaultMapperTest {
    @Test
    void causes_followStageAndOriginalAccessType() {
        for (Stage stage : new Stage[] {Stage.SINGLE, Stage.VS}) {
            assertEquals(12, FaultMapper.cause(WalkFailure.NO_PERMISSION, stage, AccessType.FETCH));
            assertEquals(13, FaultMapper.cause(WalkFailure.INVALID_PTE, stage, AccessType.LOAD));
            assertEquals(15, FaultMapper.cause(WalkFailure.MISALIGNED_SUPERPAGE, stage, AccessType.STORE));
        }
        assertEquals(20, FaultMapper.cause(WalkFailure.NO_LEAF, Stage.G, AccessType.FETCH));
        assertEquals(21, FaultMapper.cause(WalkFailure.ADDRESS_OUT_OF_RANGE, Stage.G, AccessType.LOAD));
        assertEquals(23, FaultMapper.cause(WalkFailure.NO_PERMISSION, Stage.G, AccessType.STORE));
        for (Stage stage : Stage.values()) {
            assertEquals(1, FaultMapper.cause(WalkFailure.PTE_ACCESS_FAULT, stage, AccessType.FETCH));
            assertEquals(5, FaultMapper.cause(WalkFailure.PTE_ACCESS_FAULT, stage, AccessType.LOAD));
            assertEquals(7, FaultMapper.cause(WalkFailure.PTE_ACCESS_FAULT, stage, AccessType.STORE));
        }
    }

    @Test
    void fail_keepsGpaAndHtinstOnlyForGuestPageFaults() {
        Translation out = new Translation();
        FaultMapper.fail(out, WalkFailure.INVALID_PTE, Stage.G, 0, AccessType.LOAD, 0x1000, 0x8800_0008L, 0x3000);
        assertEquals(21, out.cause);
        assertEquals(0x8800_0008L, out.gpa);
        assertEquals(0x3000, out.htinst);
        assertEquals(0x1000, out.tval);
        FaultMapper.fail(out, WalkFailure.PTE_ACCESS_FAULT, Stage.G, 0, AccessType.LOAD, 0x1000, 0x8800_0008L, 0x3000);
        assertEquals(5, out.cause);
        assertEquals(-1, out.gpa);
        assertEquals(0, out.htinst);
        FaultMapper.fail(out, WalkFailure.INVALID_PTE, Stage.VS, 1, AccessType.STORE, 0x2000, 0x1234, 0x3000);
        assertEquals(15, out.cause);
        assertEquals(-1, out.gpa);
        assertEquals(0, out.htinst);
        assertEquals(1, out.level);
    }
}
