/* CSR WARL fields and read-only bits as QEMU's virt rv64 hart implements them:
   misa, mstatus (FS/SD, SXL/UXL, VS), medeleg/mideleg writable masks, mtvec modes, satp mode,
   counters with mcounteren/scounteren gating, mscratch, identification CSRs.
   (MPP = 2 legalization and medeleg bit 11 are in test_csr_mpp_legalize and
   test_csr_medeleg_bit11, where QEMU 7.2 deviates from the spec.) */
#include "test.h"

static uint64_t read_cycle(uint64_t unused) { return csr_read(cycle); }
static uint64_t read_instret(uint64_t unused) { return csr_read(instret); }
static uint64_t read_time(uint64_t unused) { return csr_read(time); }

/* Reads a counter from mode `mode`; returns 1 if it raised illegal instruction. */
static int counter_traps(unsigned mode, uint64_t (*fn)(uint64_t))
{
    trap_expect(CAUSE_ILLEGAL_INSTRUCTION);
    run_in_mode(mode, fn, 0);
    return trap_consumed();
}

int main(void)
{
    /* misa: RV64 (MXL=2) with I, M, A, F, D, C, S, U; QEMU ignores writes to misa. */
    uint64_t misa = csr_read(misa);
    CHECK_EQ(misa >> 62, 2);
    uint64_t need = (1 << ('I' - 'A')) | (1 << ('M' - 'A')) | (1 << ('A' - 'A')) | (1 << ('F' - 'A'))
        | (1 << ('D' - 'A')) | (1 << ('C' - 'A')) | (1 << ('S' - 'A')) | (1 << ('U' - 'A'));
    CHECK_EQ(misa & need, need);
    csr_write(misa, 0);
    CHECK_EQ(csr_read(misa), misa);
    test_note_hex("misa", misa);

    /* mstatus.SXL/UXL are read-only 2 (64-bit). */
    uint64_t ms = csr_read(mstatus);
    CHECK_EQ((ms & MSTATUS_SXL) >> MSTATUS_SXL_SHIFT, 2);
    CHECK_EQ((ms & MSTATUS_UXL) >> MSTATUS_UXL_SHIFT, 2);
    csr_clear(mstatus, MSTATUS_SXL | MSTATUS_UXL);
    CHECK_EQ(csr_read(mstatus) & (MSTATUS_SXL | MSTATUS_UXL), ms & (MSTATUS_SXL | MSTATUS_UXL));

    /* FS and SD: SD summarizes FS/XS == Dirty. Writing fcsr makes FS Dirty. */
    csr_clear(mstatus, MSTATUS_FS);
    CHECK_EQ(csr_read(mstatus) & (MSTATUS_FS | MSTATUS_SD), 0);
    csr_set(mstatus, 1UL << MSTATUS_FS_SHIFT);                 /* Initial */
    CHECK_EQ(csr_read(mstatus) & (MSTATUS_FS | MSTATUS_SD), 1UL << MSTATUS_FS_SHIFT);
    csr_set(mstatus, 2UL << MSTATUS_FS_SHIFT);                 /* -> 3 = Dirty */
    CHECK_EQ(csr_read(mstatus) & (MSTATUS_FS | MSTATUS_SD), MSTATUS_FS | MSTATUS_SD);
    csr_clear(mstatus, MSTATUS_FS);
    csr_set(mstatus, 2UL << MSTATUS_FS_SHIFT);                 /* Clean */
    CHECK_EQ(csr_read(mstatus) & (MSTATUS_FS | MSTATUS_SD), 2UL << MSTATUS_FS_SHIFT);
    csr_write(fcsr, 0);                                        /* FP state write -> Dirty */
    CHECK_EQ(csr_read(mstatus) & (MSTATUS_FS | MSTATUS_SD), MSTATUS_FS | MSTATUS_SD);
    /* With FS = Off, FP instructions and fcsr accesses are illegal. */
    csr_clear(mstatus, MSTATUS_FS);
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x00302573 /* csrr a0, fcsr */,
                __asm__ volatile(".word 0x00302573" ::: "a0"));
    csr_set(mstatus, 1UL << MSTATUS_FS_SHIFT);
    /* sstatus is a view of mstatus: SD and FS visible, MPP not. */
    CHECK_EQ(csr_read(sstatus) & MSTATUS_FS, 1UL << MSTATUS_FS_SHIFT);
    CHECK_EQ(csr_read(sstatus) & MSTATUS_MPP, 0);
    CHECK_EQ((csr_read(sstatus) & MSTATUS_UXL) >> MSTATUS_UXL_SHIFT, 2);

    /* MPP accepts U, S, M. */
    for (uint64_t m = 0; m < 4; m += (m == 1) ? 2 : 1) {
        csr_clear(mstatus, MSTATUS_MPP);
        csr_set(mstatus, m << MSTATUS_MPP_SHIFT);
        CHECK_EQ((csr_read(mstatus) & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, m);
    }

    /* medeleg: the ordinary causes can be delegated. (Bit 11, ecall from M, is checked in
       test_csr_medeleg_bit11: QEMU 7.2 lets it be set.) */
    csr_write(medeleg, ~0UL);
    uint64_t medeleg = csr_read(medeleg);
    uint64_t delegable = (1 << CAUSE_MISALIGNED_FETCH) | (1 << CAUSE_FETCH_ACCESS) | (1 << CAUSE_ILLEGAL_INSTRUCTION)
        | (1 << CAUSE_BREAKPOINT) | (1 << CAUSE_MISALIGNED_LOAD) | (1 << CAUSE_LOAD_ACCESS)
        | (1 << CAUSE_MISALIGNED_STORE) | (1 << CAUSE_STORE_ACCESS) | (1 << CAUSE_USER_ECALL)
        | (1 << CAUSE_SUPERVISOR_ECALL) | (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_PAGE_FAULT)
        | (1 << CAUSE_STORE_PAGE_FAULT);
    CHECK_EQ(medeleg & delegable, delegable);
    CHECK_EQ(medeleg & (1UL << 14), 0);                        /* reserved cause */
    csr_write(medeleg, 0);
    CHECK_EQ(csr_read(medeleg), 0);

    /* mideleg: the supervisor interrupts are delegable, the machine ones are not. */
    csr_write(mideleg, ~0UL);
    uint64_t mideleg = csr_read(mideleg);
    CHECK_EQ(mideleg & (MIP_SSIP | MIP_STIP | MIP_SEIP), MIP_SSIP | MIP_STIP | MIP_SEIP);
    CHECK_EQ(mideleg & (MIP_MSIP | MIP_MTIP | MIP_MEIP), 0);
    csr_write(mideleg, 0);

    /* mtvec: modes 0 (direct) and 1 (vectored) accepted; QEMU ignores a write with mode >= 2
       altogether (WARL: the register keeps a legal value). */
    uint64_t tvec = csr_read(mtvec);
    csr_write(mtvec, 0x80001001UL);
    CHECK_EQ(csr_read(mtvec), 0x80001001UL);
    csr_write(mtvec, 0x80002002UL);
    CHECK_EQ(csr_read(mtvec), 0x80001001UL);
    csr_write(mtvec, 0x80003003UL);
    CHECK_EQ(csr_read(mtvec), 0x80001001UL);
    csr_write(mtvec, tvec);
    CHECK_EQ(csr_read(mtvec), tvec);
    csr_write(stvec, 0x80004001UL);
    CHECK_EQ(csr_read(stvec), 0x80004001UL);
    csr_write(stvec, 0x80005002UL);
    CHECK_EQ(csr_read(stvec), 0x80004001UL);

    /* satp: a write selecting an unsupported mode has no effect at all. */
    csr_write(satp, 0);
    csr_write(satp, (SATP_MODE_SV39 << SATP_MODE_SHIFT) | 0x1234);
    CHECK_EQ(csr_read(satp), (SATP_MODE_SV39 << SATP_MODE_SHIFT) | 0x1234);
    csr_write(satp, (5UL << SATP_MODE_SHIFT) | 0x5678);        /* reserved mode */
    CHECK_EQ(csr_read(satp), (SATP_MODE_SV39 << SATP_MODE_SHIFT) | 0x1234);
    csr_write(satp, (SATP_MODE_SV48 << SATP_MODE_SHIFT) | 0x9abc);
    CHECK_EQ(csr_read(satp), (SATP_MODE_SV48 << SATP_MODE_SHIFT) | 0x9abc);
    csr_write(satp, 0);
    CHECK_EQ(csr_read(satp), 0);

    /* mscratch: a plain 64-bit register (the trap entry uses it, so restore it). */
    uint64_t scratch = csr_swap(mscratch, 0xdeadbeefcafef00dUL);
    CHECK_EQ(csr_read(mscratch), 0xdeadbeefcafef00dUL);
    csr_write(mscratch, scratch);
    csr_write(sscratch, 0x0123456789abcdefUL);
    CHECK_EQ(csr_read(sscratch), 0x0123456789abcdefUL);
    s_trap_init();

    /* Identification. */
    CHECK_EQ(csr_read(mhartid), 0);
    CHECK_EQ(csr_read(mvendorid), 0);

    /* Counters advance. (Without -icount QEMU 7.2 derives mcycle and minstret from host ticks, so
       only monotonic growth is checked, not exact counts.) */
    uint64_t c0 = csr_read(mcycle), i0 = csr_read(minstret);
    for (volatile int i = 0; i < 100; i++) {
    }
    uint64_t c1 = csr_read(mcycle), i1 = csr_read(minstret);
    CHECK(c1 > c0);
    CHECK(i1 - i0 >= 300);
    CHECK(csr_read(cycle) >= c1);                      /* user-level aliases readable in M */
    uint64_t t0 = csr_read(time);
    CHECK_EQ(t0 <= *CLINT_MTIME, 1);                   /* time mirrors the CLINT's mtime */

    /* mcounteren gates S (and U) access; scounteren additionally gates U. */
    csr_write(mcounteren, 0);
    csr_write(scounteren, 0);
    CHECK_EQ(counter_traps(PRV_S, read_cycle), 1);
    CHECK_EQ(counter_traps(PRV_S, read_time), 1);
    CHECK_EQ(counter_traps(PRV_U, read_instret), 1);
    csr_write(mcounteren, 7);                          /* CY, TM, IR */
    CHECK_EQ(csr_read(mcounteren) & 0xffffffff, 7);
    CHECK_EQ(counter_traps(PRV_S, read_cycle), 0);
    CHECK_EQ(counter_traps(PRV_S, read_time), 0);
    CHECK_EQ(counter_traps(PRV_S, read_instret), 0);
    CHECK_EQ(counter_traps(PRV_U, read_cycle), 1);     /* scounteren still 0 */
    csr_write(scounteren, 5);                          /* CY, IR */
    CHECK_EQ(counter_traps(PRV_U, read_cycle), 0);
    CHECK_EQ(counter_traps(PRV_U, read_instret), 0);
    CHECK_EQ(counter_traps(PRV_U, read_time), 1);
    csr_write(mcounteren, 0);
    CHECK_EQ(counter_traps(PRV_U, read_cycle), 1);     /* M gate wins */
    csr_write(scounteren, 0);
    return 0;
}
