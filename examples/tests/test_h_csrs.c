/* H and VS CSRs as seen from M (WARL behaviour that QEMU 7.2 and the spec agree on): misa.H,
   mideleg's read-only VS/SGE bits, hedeleg's and hideleg's writable masks, hvip and its aliases in
   hip/mip, hie, vsie through hideleg, hgeie/hgeip with GEILEN = 0, hcounteren, htimedelta, hgatp
   Bare/Sv39x4/Sv48x4 with VMID, hstatus fields one by one (VSXL reads 2), mstatus.MPV/GVA, the
   full-width VS CSRs (vsscratch, vstval, vscause, vsatp) and vsstatus fields. The spec-only
   legalizations QEMU 7.2 skips are in test_h_csr_legalize. */
#include "hyp.h"

static void roundtrip(uint64_t got, uint64_t want, int line)
{
    if (got != want) {
        test_fail_at(line, "CSR round trip", got, want, 1);
    }
}
#define RT(csr, v) do { csr_write(csr, (v)); roundtrip(csr_read(csr), (v), __LINE__); } while (0)

int main(void)
{
    /* misa.H (bit 7) and a 64-bit MXL. */
    CHECK(csr_read(misa) & (1UL << 7));
    CHECK_EQ(csr_read(misa) >> 62, 2);

    /* mideleg: VSSI, VSTI, VSEI and SGEI are read-only one. */
    csr_write(mideleg, 0);
    CHECK_EQ(csr_read(mideleg), MIP_VSSIP | MIP_VSTIP | MIP_VSEIP | MIP_SGEIP);
    csr_write(mideleg, MIP_SSIP);
    CHECK_EQ(csr_read(mideleg), MIP_SSIP | MIP_VSSIP | MIP_VSTIP | MIP_VSEIP | MIP_SGEIP);
    csr_write(mideleg, 0);
    test_note("misa.H and mideleg ok");

    /* hedeleg: ecalls from HS/VS/M (9-11) and the guest-page / virtual-instruction causes (20-23)
       are read-only zero; the ones a guest handles itself are writable. */
    csr_write(hedeleg, ~0UL);
    uint64_t he = csr_read(hedeleg);
    CHECK_EQ(he & ((7UL << 9) | (0xfUL << 20)), 0);
    uint64_t must = (1UL << CAUSE_MISALIGNED_FETCH) | (1UL << CAUSE_BREAKPOINT) | (1UL << CAUSE_USER_ECALL) |
                    (1UL << CAUSE_FETCH_PAGE_FAULT) | (1UL << CAUSE_LOAD_PAGE_FAULT) | (1UL << CAUSE_STORE_PAGE_FAULT);
    CHECK_EQ(he & must, must);
    test_note_hex("hedeleg writable", he);
    csr_write(hedeleg, 0);
    CHECK_EQ(csr_read(hedeleg), 0);

    /* hideleg and hvip: only the three VS interrupt bits are writable. */
    csr_write(hideleg, ~0UL);
    CHECK_EQ(csr_read(hideleg), MIP_VSSIP | MIP_VSTIP | MIP_VSEIP);
    csr_write(hideleg, 0);
    csr_write(hvip, ~0UL);
    CHECK_EQ(csr_read(hvip), MIP_VSSIP | MIP_VSTIP | MIP_VSEIP);
    /* hvip's bits show up in hip and mip. */
    CHECK_EQ(csr_read(hip) & 0x444, 0x444);
    CHECK_EQ(csr_read(mip) & 0x444, 0x444);
    /* sip never shows VS interrupts; vsip shows them (as S bits) only where hideleg delegates. */
    CHECK_EQ(csr_read(sip) & 0x444, 0);
    CHECK_EQ(csr_read(vsip), 0);
    csr_write(hideleg, MIP_VSSIP);
    CHECK_EQ(csr_read(vsip), MIP_SSIP);
    csr_write(hideleg, 0);
    csr_write(hvip, 0);
    CHECK_EQ(csr_read(hip) & 0x444, 0);
    /* hip.VSSIP is the one writable bit of hip, an alias of hvip.VSSIP. */
    csr_write(hip, ~0UL);
    CHECK_EQ(csr_read(hip), MIP_VSSIP);
    CHECK_EQ(csr_read(hvip), MIP_VSSIP);
    csr_write(hip, 0);
    CHECK_EQ(csr_read(hvip), 0);
    test_note("hideleg, hvip, hip ok");

    /* hie: the VS bits are writable aliases of mie's; vsie reaches them only through hideleg. */
    csr_write(hie, ~0UL);
    CHECK_EQ(csr_read(hie) & 0x444, 0x444);
    CHECK_EQ(csr_read(hie) & ~0x1444UL, 0);
    CHECK_EQ(csr_read(mie) & 0x444, 0x444);
    CHECK_EQ(csr_read(vsie), 0);
    csr_write(hideleg, MIP_VSTIP);
    CHECK_EQ(csr_read(vsie), MIP_STIP);
    csr_write(vsie, 0);
    CHECK_EQ(csr_read(hie) & 0x444, MIP_VSSIP | MIP_VSEIP);
    csr_write(hideleg, 0);
    csr_write(hie, 0);
    CHECK_EQ(csr_read(mie) & 0x444, 0);
    /* GEILEN = 0: no guest external interrupts. */
    csr_write(hgeie, ~0UL);
    CHECK_EQ(csr_read(hgeie), 0);
    CHECK_EQ(csr_read(hgeip), 0);
    test_note("hie, vsie, hgeie ok");

    /* hcounteren CY/TM/IR, htimedelta (full 64 bits). */
    RT(hcounteren, 7);
    RT(hcounteren, 0);
    RT(htimedelta, 0xfedcba9876543210UL);
    RT(htimedelta, 0);

    /* hgatp: Bare, Sv39x4 and Sv48x4 with a VMID. */
    uint64_t vmid = 0x55UL << HGATP_VMID_SHIFT;
    RT(hgatp, (HGATP_MODE_SV39X4 << HGATP_MODE_SHIFT) | vmid | 0x80010UL);
    RT(hgatp, (HGATP_MODE_SV48X4 << HGATP_MODE_SHIFT) | vmid | 0x80020UL);
    RT(hgatp, 0);
    test_note("hcounteren, htimedelta, hgatp ok");

    /* hstatus fields one at a time; VSXL is read-only 2 (64-bit VS) in QEMU's rv64. */
    CHECK_EQ((csr_read(hstatus) & HSTATUS_VSXL) >> 32, 2);
    uint64_t fields[] = { HSTATUS_GVA, HSTATUS_SPV, HSTATUS_SPVP, HSTATUS_HU, HSTATUS_VTVM, HSTATUS_VTW, HSTATUS_VTSR };
    for (unsigned i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        csr_set(hstatus, fields[i]);
        CHECK_EQ(csr_read(hstatus) & fields[i], fields[i]);
        csr_clear(hstatus, fields[i]);
        CHECK_EQ(csr_read(hstatus) & fields[i], 0);
    }
    CHECK_EQ((csr_read(hstatus) & HSTATUS_VSXL) >> 32, 2);
    /* mstatus.MPV and GVA are writable from M. */
    csr_set(mstatus, MSTATUS_MPV | MSTATUS_GVA);
    CHECK_EQ(csr_read(mstatus) & (MSTATUS_MPV | MSTATUS_GVA), MSTATUS_MPV | MSTATUS_GVA);
    csr_clear(mstatus, MSTATUS_MPV | MSTATUS_GVA);
    CHECK_EQ(csr_read(mstatus) & (MSTATUS_MPV | MSTATUS_GVA), 0);
    test_note("hstatus, mstatus.MPV/GVA ok");

    /* VS CSRs accessed by their own numbers from M. */
    RT(vsscratch, 0x0123456789abcdefUL);
    RT(vstval, 0xfedcba9876543210UL);
    RT(vscause, CAUSE_INTERRUPT | 5);
    RT(vscause, 13);
    RT(vsepc, 0x80001234UL);
    RT(vsatp, (SATP_MODE_SV39 << SATP_MODE_SHIFT) | (0x1234UL << 44) | 0x80123UL);
    RT(vsatp, 0);
    uint64_t vstvec_saved = csr_read(vstvec);
    RT(vstvec, 0x80001000UL);
    RT(vstvec, 0x80001001UL);
    csr_write(vstvec, vstvec_saved);
    uint64_t vsfields[] = { MSTATUS_SIE, MSTATUS_SPIE, MSTATUS_SPP, MSTATUS_SUM, MSTATUS_MXR };
    for (unsigned i = 0; i < sizeof vsfields / sizeof vsfields[0]; i++) {
        csr_set(vsstatus, vsfields[i]);
        CHECK_EQ(csr_read(vsstatus) & vsfields[i], vsfields[i]);
        csr_clear(vsstatus, vsfields[i]);
        CHECK_EQ(csr_read(vsstatus) & vsfields[i], 0);
    }
    /* vsstatus is separate from the HS sstatus. */
    csr_set(vsstatus, MSTATUS_SUM);
    CHECK_EQ(csr_read(sstatus) & MSTATUS_SUM, 0);
    csr_clear(vsstatus, MSTATUS_SUM);
    test_note("VS CSRs ok");
    return 0;
}
