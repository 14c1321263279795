/* Virtual-instruction exceptions (22), taken in M with mtval = the instruction bits (or 0 where
   the spec and QEMU allow it: H instructions): HFENCE.VVMA/GVMA in VS; SFENCE.VMA and satp
   in VS with hstatus.VTVM = 1; W_SRET in VS with VTSR = 1; W_WFI in VS with VTW = 1 and mstatus.TW = 0
   (TW = 1: illegal); a counter enabled in mcounteren but not in hcounteren (not in mcounteren:
   illegal); H CSRs from VS and VU. The same instructions without the trap bits run normally. */
#include "hyp.h"

#define W_HFENCE_VVMA 0x22000073u
#define W_HFENCE_GVMA 0x62000073u
#define W_SFENCE_VMA  0x12000073u
#define W_SRET        0x10200073u
#define W_WFI         0x10500073u
GUEST_INSN(g_hfence_vvma, W_HFENCE_VVMA)
GUEST_INSN(g_hfence_gvma, W_HFENCE_GVMA)
GUEST_INSN(g_sfence, W_SFENCE_VMA)
GUEST_INSN(g_sret, W_SRET)
GUEST_INSN(g_wfi, W_WFI)
GUEST_INSN(g_read_satp, CSRR_A0(0x180))
GUEST_INSN(g_read_cycle, CSRR_A0(0xc00))
GUEST_INSN(g_read_instret, CSRR_A0(0xc02))
GUEST_INSN(g_read_hstatus, CSRR_A0(0x600))
GUEST_INSN(g_read_hcounteren, CSRR_A0(0x606))

int main(void)
{
    hyp_init();
    EXPECT_HTRAP_INSN('M', CAUSE_VIRTUAL_INSTRUCTION, W_HFENCE_VVMA, run_in_v(PRV_S, g_hfence_vvma, 0));
    EXPECT_HTRAP_INSN('M', CAUSE_VIRTUAL_INSTRUCTION, W_HFENCE_GVMA, run_in_v(PRV_S, g_hfence_gvma, 0));
    test_note("HFENCE in VS");

    run_in_v(PRV_S, g_sfence, 0);
    run_in_v(PRV_S, g_read_satp, 0);
    csr_set(hstatus, HSTATUS_VTVM);
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, W_SFENCE_VMA, run_in_v(PRV_S, g_sfence, 0));
    csr_clear(hstatus, HSTATUS_VTVM);
    test_note("VTVM: sfence.vma (satp: test_h_virtual_instruction_spec)");

    csr_set(hstatus, HSTATUS_VTSR);
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, W_SRET, run_in_v(PRV_S, g_sret, 0));
    csr_clear(hstatus, HSTATUS_VTSR);
    test_note("VTSR: sret");

    csr_set(hstatus, HSTATUS_VTW);
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, W_WFI, run_in_v(PRV_S, g_wfi, 0));
    csr_set(mstatus, MSTATUS_TW);
    EXPECT_HTRAP('M', CAUSE_ILLEGAL_INSTRUCTION, W_WFI, run_in_v(PRV_S, g_wfi, 0));
    csr_clear(mstatus, MSTATUS_TW);
    /* In VU, WFI with TW = 0 is a virtual instruction whatever VTW says. */
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, W_WFI, run_in_v(PRV_U, g_wfi, 0));
    csr_clear(hstatus, HSTATUS_VTW);
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, W_WFI, run_in_v(PRV_U, g_wfi, 0));
    test_note("VTW: wfi (TW = 1: illegal); VU wfi");

    csr_write(mcounteren, 5);   /* CY, IR */
    csr_write(hcounteren, 4);   /* IR */
    csr_write(scounteren, 5);
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0xc00), run_in_v(PRV_S, g_read_cycle, 0));
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0xc00), run_in_v(PRV_U, g_read_cycle, 0));
    run_in_v(PRV_S, g_read_instret, 0);
    run_in_v(PRV_U, g_read_instret, 0);
    /* VU: allowed by hcounteren but not by scounteren. */
    csr_write(hcounteren, 5);
    csr_write(scounteren, 4);
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0xc00), run_in_v(PRV_U, g_read_cycle, 0));
    csr_write(mcounteren, 4);
    csr_write(hcounteren, 5);
    EXPECT_HTRAP('M', CAUSE_ILLEGAL_INSTRUCTION, CSRR_A0(0xc00), run_in_v(PRV_S, g_read_cycle, 0));
    csr_write(mcounteren, 0);
    csr_write(hcounteren, 0);
    test_note("counters: hcounteren denies with virtual instruction, mcounteren with illegal");

    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x600), run_in_v(PRV_S, g_read_hstatus, 0));
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x606), run_in_v(PRV_S, g_read_hcounteren, 0));
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x600), run_in_v(PRV_U, g_read_hstatus, 0));
    test_note("H CSRs from VS/VU");
    return 0;
}
