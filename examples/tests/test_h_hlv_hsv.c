/* Hypervisor virtual-machine loads and stores: HLV.{B,BU,H,HU,W,WU,D} and HSV.{B,H,W,D} access
   memory as V = 1 through vsatp and hgatp (here with hstatus.SPVP = 1 on VS supervisor pages; the
   SPVP/SUM/MXR permission rules are in test_h_hlv_permissions). Allowed in M, HS, and U with
   hstatus.HU = 1; illegal in U with HU = 0; virtual instruction in VS/VU. Their page faults are
   taken with MPV = 0 (and GVA = 1: test_h_gva_clear); a G-stage miss is a guest-page fault with htval = GPA >> 2. */
#include "hyp.h"

#define GVA_S  0x40000000UL
#define GVA_U  0x40001000UL
#define GVA_X  0x40002000UL
#define GVA_RO 0x40003000UL     /* read-only: HSV faults, see test_h_hlv_permissions */
#define GVA_G  0x40004000UL     /* VS leaf to a GPA the G-stage does not map */
#define GPA_BASE 0x100000000UL
#define HLV_D_A0 0x6c054573u    /* hlv.d a0, (a0) */

static uint64_t page_a[512] __attribute__((aligned(4096)));
static uint64_t page_b[512] __attribute__((aligned(4096)));

static uint64_t hlv_d(uint64_t va) { return HLV("hlv.d", va); }
static uint64_t hsv_d(uint64_t va) { HSV("hsv.d", va, 0x5d5d); return 0; }
GUEST_INSN(insn_hlv_d, HLV_D_A0)

int main(void)
{
    hyp_init();
    page_a[0] = 0x8081828384858687UL;
    page_b[0] = 0xb0b0b0b0UL;
    uint64_t *groot = g_root(0);
    g_identity(groot);
    g_map(groot, GPA_BASE, (uint64_t)page_a, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    g_map(groot, GPA_BASE + PAGE_SIZE, (uint64_t)page_b, 0, PTE_LEAF_AD | PTE_U | PTE_R | PTE_W);
    csr_write(hgatp, hgatp_sv39x4(groot, 1));
    uint64_t *vsroot = vm_new_table();
    vs_identity(vsroot);
    vm_map(vsroot, 3, GVA_S, GPA_BASE, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    vm_map(vsroot, 3, GVA_U, GPA_BASE + PAGE_SIZE, 0, PTE_LEAF_AD | PTE_R | PTE_W | PTE_U);
    vm_map(vsroot, 3, GVA_X, GPA_BASE + PAGE_SIZE, 0, PTE_LEAF_AD | PTE_X);
    vm_map(vsroot, 3, GVA_RO, GPA_BASE, 0, PTE_LEAF_AD | PTE_R);
    vm_map(vsroot, 3, GVA_G, GPA_BASE + 0x10000, 0, PTE_LEAF_AD | PTE_R | PTE_W);
    csr_write(vsatp, vm_satp(vsroot, 3));
    /* HS runs with its own Sv39 on (identity): QEMU 7.2 reports HLV/HSV page faults as access
       faults when the HS satp is Bare (see test_h_hlv_permissions). */
    uint64_t *hsroot = vm_new_table();
    vs_identity(hsroot);
    csr_write(satp, vm_satp(hsroot, 3));
    HFENCE_ALL();
    csr_set(hstatus, HSTATUS_SPVP);

    /* Widths and extension, from M. */
    CHECK_EQ(HLV("hlv.b", GVA_S), 0xffffffffffffff87UL);
    CHECK_EQ(HLV("hlv.bu", GVA_S), 0x87);
    CHECK_EQ(HLV("hlv.h", GVA_S), 0xffffffffffff8687UL);
    CHECK_EQ(HLV("hlv.hu", GVA_S), 0x8687);
    CHECK_EQ(HLV("hlv.w", GVA_S), 0xffffffff84858687UL);
    CHECK_EQ(HLV("hlv.wu", GVA_S), 0x84858687UL);
    CHECK_EQ(HLV("hlv.d", GVA_S), 0x8081828384858687UL);
    CHECK_EQ(HLV("hlv.b", GVA_S + 7), 0xffffffffffffff80UL);
    HSV("hsv.b", GVA_S + 8, 0x1122334455667788UL);
    HSV("hsv.h", GVA_S + 16, 0x1122334455667788UL);
    HSV("hsv.w", GVA_S + 24, 0x1122334455667788UL);
    HSV("hsv.d", GVA_S + 32, 0x1122334455667788UL);
    CHECK_EQ(page_a[1], 0x88);
    CHECK_EQ(page_a[2], 0x7788);
    CHECK_EQ(page_a[3], 0x55667788UL);
    CHECK_EQ(page_a[4], 0x1122334455667788UL);
    test_note("HLV/HSV widths from M");

    /* From HS. SPVP = 1: VS permissions. */
    CHECK_EQ(run_in_mode(PRV_S, hlv_d, GVA_S), 0x8081828384858687UL);
    run_in_mode(PRV_S, hsv_d, GVA_S + 40);
    CHECK_EQ(page_a[5], 0x5d5d);
    EXPECT_HTRAP('M', CAUSE_LOAD_PAGE_FAULT, GVA_RO + PAGE_SIZE * 16, run_in_mode(PRV_S, hlv_d, GVA_RO + PAGE_SIZE * 16));
    CHECK_EQ(ht.status & MSTATUS_MPV, 0);   /* GVA = 1 here: see test_h_gva_clear */
    CHECK_EQ((ht.status & MSTATUS_MPP) >> MSTATUS_MPP_SHIFT, PRV_S);
    EXPECT_HTRAP('M', CAUSE_STORE_PAGE_FAULT, GVA_RO + PAGE_SIZE * 17, run_in_mode(PRV_S, hsv_d, GVA_RO + PAGE_SIZE * 17));
    test_note("HLV/HSV from HS; VS-stage page faults (invalid PTE), MPV = 0");
    /* G-stage miss: guest-page fault, GVA = 1, htval = GPA >> 2. */
    EXPECT_HTRAP('M', CAUSE_LOAD_GUEST_PAGE_FAULT, GVA_G + 8, run_in_mode(PRV_S, hlv_d, GVA_G + 8));
    CHECK_EQ(ht.tval2, (GPA_BASE + 0x10008) >> 2);
    CHECK_EQ(ht.status & MSTATUS_MPV, 0);   /* GVA = 1 here: see test_h_gva_clear */
    EXPECT_HTRAP('M', CAUSE_STORE_GUEST_PAGE_FAULT, GVA_G + 16, run_in_mode(PRV_S, hsv_d, GVA_G + 16));
    CHECK_EQ(ht.tval2, (GPA_BASE + 0x10010) >> 2);
    test_note("G-stage miss: guest-page faults 21/23");

    csr_write(satp, 0);   /* U runs from the (non-U) image: no HS paging from here on */
    HFENCE_ALL();
    /* U: allowed with HU = 1, illegal without; VS/VU: virtual instruction. */
    /* mtval: the instruction bits or 0 (QEMU 7.2 writes 0 here), both allowed. */
    EXPECT_HTRAP_INSN('M', CAUSE_ILLEGAL_INSTRUCTION, HLV_D_A0, run_in_mode(PRV_U, insn_hlv_d, GVA_S));
    csr_set(hstatus, HSTATUS_HU);
    CHECK_EQ(run_in_mode(PRV_U, hlv_d, GVA_S), 0x8081828384858687UL);
    run_in_mode(PRV_U, hsv_d, GVA_S + 48);
    CHECK_EQ(page_a[6], 0x5d5d);
    csr_write(vsatp, 0);  /* VU runs from the (non-U) image */
    EXPECT_HTRAP_INSN('M', CAUSE_VIRTUAL_INSTRUCTION, HLV_D_A0, run_in_v(PRV_S, insn_hlv_d, GVA_S));
    EXPECT_HTRAP_INSN('M', CAUSE_VIRTUAL_INSTRUCTION, HLV_D_A0, run_in_v(PRV_U, insn_hlv_d, GVA_S));
    csr_clear(hstatus, HSTATUS_HU);
    test_note("U with HU = 1 allowed, HU = 0 illegal; VS/VU virtual instruction");
    csr_write(vsatp, 0);
    csr_write(hgatp, 0);
    csr_write(satp, 0);
    return 0;
}
