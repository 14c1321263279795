package dev.hvscope.core.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RvcTest {

    /** {compressed, base} pairs assembled by riscv64-unknown-elf-as with and without RVC. */
    private static final int[][] EXPANSIONS = {
        {0x0808, 0x01010513}, // c.addi4spn
        {0x1fe4, 0x3fc10493}, // c.addi4spn
        {0x2588, 0x0085b507}, // c.fld
        {0x3fe0, 0x0f87b407}, // c.fld
        {0x41c8, 0x0045a503}, // c.lw
        {0x5c7c, 0x07c42783}, // c.lw
        {0x6588, 0x0085b503}, // c.ld
        {0x7fe4, 0x0f87b483}, // c.ld
        {0xa588, 0x00a5b427}, // c.fsd
        {0xc1a8, 0x04a5a023}, // c.sw
        {0xe588, 0x00a5b423}, // c.sd
        {0xfffc, 0x0ef7bc23}, // c.sd
        {0x1501, 0xfe050513}, // c.addi
        {0x057d, 0x01f50513}, // c.addi
        {0x357d, 0xfff5051b}, // c.addiw
        {0x2301, 0x0003031b}, // c.addiw
        {0x5501, 0xfe000513}, // c.li
        {0x7101, 0xe0010113}, // c.addi16sp
        {0x617d, 0x1f010113}, // c.addi16sp
        {0x0141, 0x01010113}, // c.addi
        {0x7501, 0xfffe0537}, // c.lui
        {0x62fd, 0x0001f2b7}, // c.lui
        {0x6505, 0x00001537}, // c.lui
        {0x917d, 0x03f55513}, // c.srli
        {0x8085, 0x0014d493}, // c.srli
        {0x9781, 0x4207d793}, // c.srai
        {0x997d, 0xfff57513}, // c.andi
        {0x887d, 0x01f47413}, // c.andi
        {0x8d0d, 0x40b50533}, // c.sub
        {0x8c3d, 0x00f44433}, // c.xor
        {0x8d45, 0x00956533}, // c.or
        {0x8e75, 0x00d67633}, // c.and
        {0x9d0d, 0x40b5053b}, // c.subw
        {0x9f3d, 0x00f7073b}, // c.addw
        {0xcd7d, 0x0e050f63}, // c.beqz
        {0xd101, 0xf00500e3}, // c.beqz
        {0xe4a9, 0x04049563}, // c.bnez
        {0x157e, 0x03f51513}, // c.slli
        {0x0f86, 0x001f9f93}, // c.slli
        {0x357e, 0x1f813507}, // c.fldsp
        {0x557e, 0x0fc12503}, // c.lwsp
        {0x70fe, 0x1f813083}, // c.ldsp
        {0x6fa2, 0x00813f83}, // c.ldsp
        {0x852e, 0x00b00533}, // c.mv
        {0x9002, 0x00100073}, // c.ebreak
        {0x952e, 0x00b50533}, // c.add
        {0xbfaa, 0x1ea13c27}, // c.fsdsp
        {0xdfaa, 0x0ea12e23}, // c.swsp
        {0xff86, 0x1e113c23}, // c.sdsp
        {0xe47e, 0x01f13423}, // c.sdsp
        {0xaffd, 0x7fe0006f}, // c.j +2046
        {0xb001, 0x801ff06f}, // c.j -2048
        {0xa02d, 0x02a0006f}, // c.j +42
        {0x8502, 0x00050067}, // c.jr a0
        {0x8082, 0x00008067}, // c.jr ra
        {0x9502, 0x000500e7}, // c.jalr a0
    };

    @Test
    void everyRv64cInstruction_expandsToItsBaseEncoding() {
        for (int[] pair : EXPANSIONS) {
            assertEquals(Integer.toHexString(pair[1]), Integer.toHexString(Rvc.expand(pair[0])),
                    "expand(0x" + Integer.toHexString(pair[0]) + ")");
        }
    }

    @Test
    void reservedEncodings_expandToZero() {
        assertEquals(0, Rvc.expand(0x0000)); // all-zero halfword
        assertEquals(0, Rvc.expand(0x0004)); // C.ADDI4SPN nzuimm=0
        assertEquals(0, Rvc.expand(0x8000)); // quadrant 0 funct3 100
        assertEquals(0, Rvc.expand(0x2001)); // C.ADDIW rd=0
        assertEquals(0, Rvc.expand(0x6101)); // C.ADDI16SP nzimm=0
        assertEquals(0, Rvc.expand(0x6501)); // C.LUI a0 nzimm=0
        assertEquals(0, Rvc.expand(0x6001)); // C.LUI x0 nzimm=0
        assertEquals(0, Rvc.expand(0x9c41)); // quadrant 1 funct3 100, bit12=1, funct2 10
        assertEquals(0, Rvc.expand(0x9c61)); // ... funct2 11
        assertEquals(0, Rvc.expand(0x8002)); // C.JR rs1=0
        assertEquals(0, Rvc.expand(0x4002)); // C.LWSP rd=0
        assertEquals(0, Rvc.expand(0x6002)); // C.LDSP rd=0
    }

    @Test
    void notCompressed_expandsToZero() {
        assertEquals(0, Rvc.expand(0x0013));
        assertEquals(0, Rvc.expand(0xffff));
    }

    @Test
    void hints_expandToTheirNoOpBaseForms() {
        assertEquals(0x00000013, Rvc.expand(0x0001)); // C.NOP
        assertEquals(0x00500013, Rvc.expand(0x0015)); // C.NOP 5 (HINT): addi x0,x0,5
        assertEquals(0x00050513, Rvc.expand(0x0501)); // C.ADDI a0,0 (HINT)
        assertEquals(0x00500013, Rvc.expand(0x4015)); // C.LI x0,5 (HINT)
        assertEquals(0x00001037, Rvc.expand(0x6005)); // C.LUI x0,1 (HINT)
        assertEquals(0x00b00033, Rvc.expand(0x802e)); // C.MV x0,a1 (HINT)
        assertEquals(0x00b00033, Rvc.expand(0x902e)); // C.ADD x0,a1 (HINT)
        assertEquals(0x00101013, Rvc.expand(0x0006)); // C.SLLI x0,1 (HINT)
        assertEquals(0x00051513, Rvc.expand(0x0502)); // C.SLLI a0,0 (HINT)
        assertEquals(0x00045413, Rvc.expand(0x8001)); // C.SRLI s0,0 (HINT)
        assertEquals(0x40045413, Rvc.expand(0x8401)); // C.SRAI s0,0 (HINT)
    }

    @Test
    void cEbreak_andCJalr_differOnlyInRs1() {
        assertEquals(0x00100073, Rvc.expand(0x9002));
        assertNotEquals(0x00100073, Rvc.expand(0x9082));
    }

    @Test
    void everyNonZeroExpansion_decodesToARealOpcode() {
        for (int c = 0; c < 0x10000; c++) {
            int w = Rvc.expand(c);
            if (w != 0) {
                assertNotEquals(Opcode.ILLEGAL, Decoder.decode(w), Integer.toHexString(c));
            }
        }
    }

    @Test
    void upperBitsOfTheArgument_areIgnored() {
        assertEquals(Rvc.expand(0x4505), Rvc.expand(0xabcd4505));
    }
}
