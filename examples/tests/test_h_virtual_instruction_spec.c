/* Virtual-instruction cases QEMU 7.2 gets wrong (priv spec, H extension, virtual-instruction
   exceptions: raised in VS-mode for satp accesses when hstatus.VTVM = 1; in VU-mode for the
   hypervisor instructions (HLV, HLVX, HSV, HFENCE), for the supervisor instructions SRET and
   SFENCE.VMA, and for supervisor CSR accesses that HS-mode would be allowed to make).
   QEMU-DIFF: QEMU 7.2 lets VS read satp under VTVM = 1 and raises illegal instruction (2) for
   all the VU cases. */
#include "hyp.h"

GUEST_INSN(g_hfence_vvma, 0x22000073u)
GUEST_INSN(g_hfence_gvma, 0x62000073u)
GUEST_INSN(g_sfence, 0x12000073u)
GUEST_INSN(g_sret, 0x10200073u)
GUEST_INSN(g_read_satp, CSRR_A0(0x180))
GUEST_INSN(g_read_sstatus, CSRR_A0(0x100))
GUEST_INSN(g_read_sscratch, CSRR_A0(0x140))

int main(void)
{
    hyp_init();
    csr_set(hstatus, HSTATUS_VTVM);
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x180), run_in_v(PRV_S, g_read_satp, 0));   // QEMU-DIFF: no trap
    csr_clear(hstatus, HSTATUS_VTVM);
    test_note("VS satp with VTVM = 1");
    EXPECT_HTRAP_INSN('M', CAUSE_VIRTUAL_INSTRUCTION, 0x22000073u, run_in_v(PRV_U, g_hfence_vvma, 0)); // QEMU-DIFF: 2
    EXPECT_HTRAP_INSN('M', CAUSE_VIRTUAL_INSTRUCTION, 0x62000073u, run_in_v(PRV_U, g_hfence_gvma, 0)); // QEMU-DIFF
    test_note("VU hfence");
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, 0x12000073u, run_in_v(PRV_U, g_sfence, 0));         // QEMU-DIFF
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, 0x10200073u, run_in_v(PRV_U, g_sret, 0));           // QEMU-DIFF
    test_note("VU sfence.vma, sret");
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x100), run_in_v(PRV_U, g_read_sstatus, 0));  // QEMU-DIFF
    EXPECT_HTRAP('M', CAUSE_VIRTUAL_INSTRUCTION, CSRR_A0(0x140), run_in_v(PRV_U, g_read_sscratch, 0)); // QEMU-DIFF
    test_note("VU supervisor CSRs");
    return 0;
}
