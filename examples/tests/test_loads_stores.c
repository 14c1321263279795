/* Loads and stores of every width with sign/zero extension, little-endian byte order, and
   misaligned ordinary loads/stores. The privileged spec lets misaligned accesses either work or
   raise an address-misaligned exception; QEMU (7.2, virt, rv64) performs them without a trap,
   and so must hvscope to match it. */
#include "test.h"

#define LD(insn, addr, off) ({ uint64_t _r; \
    __asm__ volatile(insn " %0, " #off "(%1)" : "=r"(_r) : "r"(addr) : "memory"); _r; })
#define ST(insn, val, addr, off) \
    __asm__ volatile(insn " %0, " #off "(%1)" : : "r"((uint64_t)(val)), "r"(addr) : "memory")

static volatile uint8_t buf[64] __attribute__((aligned(16)));
static volatile uint8_t two_pages[8192] __attribute__((aligned(4096)));

int main(void)
{
    for (int i = 0; i < 16; i++) {
        buf[i] = (uint8_t)(0x80 + i * 0x11);  /* 80 91 a2 b3 c4 d5 e6 f7 08 19 2a 3b 4c 5d 6e 7f */
    }
    volatile uint8_t *p = buf;

    CHECK_EQ(LD("lb", p, 0), 0xffffffffffffff80UL);
    CHECK_EQ(LD("lbu", p, 0), 0x80);
    CHECK_EQ(LD("lb", p, 8), 0x08);
    CHECK_EQ(LD("lh", p, 0), 0xffffffffffff9180UL);
    CHECK_EQ(LD("lhu", p, 0), 0x9180);
    CHECK_EQ(LD("lw", p, 4), 0xfffffffff7e6d5c4UL);
    CHECK_EQ(LD("lwu", p, 4), 0xf7e6d5c4UL);
    CHECK_EQ(LD("lw", p, 8), 0x3b2a1908);
    CHECK_EQ(LD("ld", p, 0), 0xf7e6d5c4b3a29180UL);
    CHECK_EQ(LD("ld", p, 8), 0x7f6e5d4c3b2a1908UL);
    /* Negative offsets. */
    volatile uint8_t *q = p + 16;
    CHECK_EQ(LD("ld", q, -8), 0x7f6e5d4c3b2a1908UL);
    CHECK_EQ(LD("lbu", q, -1), 0x7f);

    /* Stores write only their width. */
    ST("sd", 0, p, 16);
    ST("sd", 0, p, 24);
    ST("sb", 0x1234567890abcdefUL, p, 16);
    ST("sh", 0x1234567890abcdefUL, p, 18);
    ST("sw", 0x1234567890abcdefUL, p, 20);
    CHECK_EQ(LD("ld", p, 16), 0x90abcdefcdef00efUL);
    ST("sd", 0x0102030405060708UL, p, 24);
    CHECK_EQ(LD("lbu", p, 24), 0x08);
    CHECK_EQ(LD("lbu", p, 31), 0x01);

    /* Misaligned loads: QEMU completes them (no trap). */
    trap_expect(CAUSE_MISALIGNED_LOAD);  /* armed only to catch a trap without dying */
    CHECK_EQ(LD("lh", p, 1), 0xffffffffffffa291UL);
    CHECK_EQ(LD("lhu", p, 7), 0x08f7);
    CHECK_EQ(LD("lw", p, 1), 0xffffffffc4b3a291UL);
    CHECK_EQ(LD("lwu", p, 6), 0x1908f7e6UL);
    CHECK_EQ(LD("ld", p, 3), 0x2a1908f7e6d5c4b3UL);
    CHECK_EQ(LD("ld", p, 7), 0x6e5d4c3b2a1908f7UL);
    CHECK_EQ(trap_consumed(), 0);

    /* Misaligned stores, including one crossing an 8-byte boundary. */
    ST("sd", 0, p, 32);
    ST("sd", 0, p, 40);
    trap_expect(CAUSE_MISALIGNED_STORE);
    ST("sh", 0xbeef, p, 33);
    ST("sw", 0xcafef00d, p, 38);
    ST("sd", 0x1122334455667788UL, p, 43);
    CHECK_EQ(trap_consumed(), 0);
    CHECK_EQ(LD("ld", p, 32), 0xf00d000000beef00UL);
    CHECK_EQ(LD("ld", p, 40), 0x445566778800cafeUL);
    CHECK_EQ(LD("ld", p, 48), 0x0000000000112233UL);

    /* A misaligned doubleword straddling a 4 KiB page boundary. */
    volatile uint8_t *edge = &two_pages[4096 - 3];
    for (int i = 0; i < 8; i++) {
        edge[i] = (uint8_t)(0x10 + i);
    }
    trap_expect(CAUSE_MISALIGNED_LOAD);
    CHECK_EQ(LD("ld", edge, 0), 0x1716151413121110UL);
    ST("sd", 0x8877665544332211UL, edge, 0);
    CHECK_EQ(trap_consumed(), 0);
    CHECK_EQ(two_pages[4095], 0x33);
    CHECK_EQ(two_pages[4096], 0x44);
    return 0;
}
