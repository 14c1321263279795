/* In VS-mode the S-CSR numbers reach the VS CSRs (sstatus -> vsstatus, sscratch -> vsscratch,
   satp -> vsatp, stvec, sepc, scause, stval, sie -> hie's VS bits, sip -> hvip.VSSIP, time +
   htimedelta) and leave the HS CSRs untouched; H and VS CSRs from VS/VU raise a virtual-instruction
   exception (22), M CSRs an illegal-instruction exception (2), tval = the instruction bits. */
#include "hyp.h"

GUEST_INSN(vs_swap_sscratch, CSRRW_A0(0x140))
GUEST_INSN(vs_swap_sstatus, CSRRW_A0(0x100))
GUEST_INSN(vs_swap_satp, CSRRW_A0(0x180))
GUEST_INSN(vs_read_stvec, CSRR_A0(0x105))
GUEST_INSN(vs_swap_sepc, CSRRW_A0(0x141))
GUEST_INSN(vs_swap_scause, CSRRW_A0(0x142))
GUEST_INSN(vs_swap_stval, CSRRW_A0(0x143))
GUEST_INSN(vs_swap_sie, CSRRW_A0(0x104))
GUEST_INSN(vs_swap_sip, CSRRW_A0(0x144))
GUEST_INSN(vs_read_time, CSRR_A0(0xc01))
GUEST_INSN(g_read_hstatus, CSRR_A0(0x600))
GUEST_INSN(g_read_hgatp, CSRR_A0(0x680))
GUEST_INSN(g_read_hvip, CSRR_A0(0x645))
GUEST_INSN(g_read_vsstatus, CSRR_A0(0x200))
GUEST_INSN(g_read_vsatp, CSRR_A0(0x280))
GUEST_INSN(g_read_mstatus, CSRR_A0(0x300))
GUEST_INSN(g_read_mscratch, CSRR_A0(0x340))

#define FS_INITIAL (1UL << MSTATUS_FS_SHIFT)

int main(void)
{
    hyp_init();
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);

    /* sscratch -> vsscratch. */
    uint64_t hs_sscratch = csr_read(sscratch), vs_stack = csr_read(vsscratch);
    csr_write(vsscratch, 0x1111);
    CHECK_EQ(run_in_v(PRV_S, vs_swap_sscratch, 0x2222), 0x1111);
    CHECK_EQ(csr_read(vsscratch), 0x2222);
    CHECK_EQ(csr_read(sscratch), hs_sscratch);
    csr_write(vsscratch, vs_stack);

    /* sstatus -> vsstatus. */
    csr_write(vsstatus, FS_INITIAL | MSTATUS_SUM);
    CHECK(run_in_v(PRV_S, vs_swap_sstatus, FS_INITIAL | MSTATUS_MXR) & MSTATUS_SUM);
    CHECK_EQ(csr_read(vsstatus) & (MSTATUS_SUM | MSTATUS_MXR), MSTATUS_MXR);
    CHECK_EQ(csr_read(mstatus) & (MSTATUS_SUM | MSTATUS_MXR), 0);
    csr_write(vsstatus, FS_INITIAL);

    /* satp -> vsatp (the guest turns its own Sv39 on, over an identity map). */
    uint64_t vsatp_val = vm_satp(vsroot, 3);
    CHECK_EQ(run_in_v(PRV_S, vs_swap_satp, vsatp_val), 0);
    CHECK_EQ(csr_read(vsatp), vsatp_val);
    CHECK_EQ(csr_read(satp), 0);
    csr_write(vsatp, 0);
    HFENCE_ALL();
    test_note("sscratch, sstatus, satp reach the VS CSRs");

    /* stvec, sepc, scause, stval. */
    CHECK_EQ(run_in_v(PRV_S, vs_read_stvec, 0), (uint64_t)vs_trap_entry);
    uint64_t hs_sepc = csr_read(sepc), hs_scause = csr_read(scause), hs_stval = csr_read(stval);
    csr_write(vsepc, 0x80000100);
    csr_write(vscause, 5);
    csr_write(vstval, 0x77);
    CHECK_EQ(run_in_v(PRV_S, vs_swap_sepc, 0x80000200), 0x80000100);
    CHECK_EQ(run_in_v(PRV_S, vs_swap_scause, 13), 5);
    CHECK_EQ(run_in_v(PRV_S, vs_swap_stval, 0x88), 0x77);
    CHECK_EQ(csr_read(vsepc), 0x80000200);
    CHECK_EQ(csr_read(vscause), 13);
    CHECK_EQ(csr_read(vstval), 0x88);
    CHECK_EQ(csr_read(sepc), hs_sepc);
    CHECK_EQ(csr_read(scause), hs_scause);
    CHECK_EQ(csr_read(stval), hs_stval);
    test_note("stvec, sepc, scause, stval reach the VS CSRs");

    /* sie -> hie's VS bits (shifted by one) where hideleg delegates; sip.SSIP -> hvip.VSSIP. */
    csr_write(hideleg, MIP_VSSIP | MIP_VSTIP | MIP_VSEIP);
    csr_write(hie, 0);
    CHECK_EQ(run_in_v(PRV_S, vs_swap_sie, MIP_SSIP | MIP_STIP | MIP_SEIP), 0);
    CHECK_EQ(csr_read(hie) & 0x444, 0x444);
    CHECK_EQ(csr_read(mie) & (MIP_SSIP | MIP_STIP | MIP_SEIP), 0);
    csr_write(hie, 0);
    CHECK_EQ(run_in_v(PRV_S, vs_swap_sip, MIP_SSIP), 0);
    CHECK_EQ(csr_read(hvip), MIP_VSSIP);
    CHECK_EQ(csr_read(mip) & MIP_SSIP, 0);
    csr_write(hvip, 0);
    csr_write(hideleg, 0);
    test_note("sie, sip reach hie, hvip");

    /* time in VS = time + htimedelta. */
    csr_write(mcounteren, 7);
    csr_write(hcounteren, 7);
    csr_write(htimedelta, 1UL << 50);
    uint64_t before = csr_read(time);
    uint64_t vt = run_in_v(PRV_S, vs_read_time, 0);
    uint64_t after = csr_read(time);
    CHECK(vt >= before + (1UL << 50));
    CHECK(vt <= after + (1UL << 50));
    csr_write(htimedelta, 0);
    test_note("time includes htimedelta");

    /* H and VS CSRs from VS and VU: virtual instruction; M CSRs: illegal instruction. */
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x600), run_in_v(PRV_S, g_read_hstatus, 0));
    CHECK(ht.status & MSTATUS_MPV);
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x680), run_in_v(PRV_S, g_read_hgatp, 0));
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x645), run_in_v(PRV_S, g_read_hvip, 0));
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x200), run_in_v(PRV_S, g_read_vsstatus, 0));
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x280), run_in_v(PRV_S, g_read_vsatp, 0));
    EXPECT_HTRAP('M', CAUSE_ILLEGAL_INSTRUCTION, CSRR_A0(0x300), run_in_v(PRV_S, g_read_mstatus, 0));
    EXPECT_HTRAP('M', CAUSE_ILLEGAL_INSTRUCTION, CSRR_A0(0x340), run_in_v(PRV_S, g_read_mscratch, 0));
    test_note("VS: H/VS CSRs virtual instruction, M CSRs illegal");
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x600), run_in_v(PRV_U, g_read_hstatus, 0));
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x200), run_in_v(PRV_U, g_read_vsstatus, 0));
    EXPECT_HTRAP('M', CAUSE_ILLEGAL_INSTRUCTION, CSRR_A0(0x300), run_in_v(PRV_U, g_read_mstatus, 0));
    test_note("VU: H/VS CSRs virtual instruction, M CSRs illegal");
    /* Delegated to HS: the same trap arrives in HS with hstatus.SPV = 1. */
    csr_write(medeleg, 1UL << CAUSE_VIRTUAL_INSTRUCTION);
    EXPECT_HTRAP('S', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x680), run_in_v(PRV_S, g_read_hgatp, 0));
    CHECK(ht.hstatus & HSTATUS_SPV);
    csr_write(medeleg, 0);
    test_note("delegated virtual instruction reaches HS");
    return 0;
}
