/* Hypervisor-extension helpers for the test_h_* programs: H/VS CSR constants, the HLV/HSV/HFENCE
   instructions, G-stage (Sv39x4) table building, running code in VS/VU, and a trap recorder that
   sees traps taken in M, HS and VS with the H-specific CSRs (mtval2/htval, mtinst/htinst,
   hstatus). Linked only into the test_h_* programs. */
#ifndef HYP_H
#define HYP_H
#include <stdint.h>
#include "test.h"
#include "vm.h"

#define HSTATUS_VSBE  (1UL << 5)
#define HSTATUS_GVA   (1UL << 6)
#define HSTATUS_SPV   (1UL << 7)
#define HSTATUS_SPVP  (1UL << 8)
#define HSTATUS_HU    (1UL << 9)
#define HSTATUS_VGEIN (0x3fUL << 12)
#define HSTATUS_VTVM  (1UL << 20)
#define HSTATUS_VTW   (1UL << 21)
#define HSTATUS_VTSR  (1UL << 22)
#define HSTATUS_VSXL  (3UL << 32)

#define MSTATUS_GVA   (1UL << 38)
#define MSTATUS_MPV   (1UL << 39)

#define CAUSE_VS_ECALL              10
#define CAUSE_FETCH_GUEST_PAGE_FAULT 20
#define CAUSE_LOAD_GUEST_PAGE_FAULT  21
#define CAUSE_VIRTUAL_INSTRUCTION    22
#define CAUSE_STORE_GUEST_PAGE_FAULT 23

#define IRQ_VS_SOFT  2
#define IRQ_VS_TIMER 6
#define IRQ_VS_EXT   10
#define IRQ_S_GEXT   12
#define MIP_VSSIP (1UL << IRQ_VS_SOFT)
#define MIP_VSTIP (1UL << IRQ_VS_TIMER)
#define MIP_VSEIP (1UL << IRQ_VS_EXT)
#define MIP_SGEIP (1UL << IRQ_S_GEXT)

#define HGATP_MODE_BARE   0UL
#define HGATP_MODE_SV39X4 8UL
#define HGATP_MODE_SV48X4 9UL
#define HGATP_MODE_SHIFT  60
#define HGATP_VMID_SHIFT  44

/* Hypervisor loads/stores: `insn` is e.g. "hlv.d"; addr is a guest-virtual address. */
#define HLV(insn, addr) ({ uint64_t _r; __asm__ volatile(".option push\n.option arch, +h\n" insn " %0, (%1)\n.option pop" \
    : "=r"(_r) : "r"((uint64_t)(addr)) : "memory"); _r; })
#define HSV(insn, addr, val) ({ __asm__ volatile(".option push\n.option arch, +h\n" insn " %1, (%0)\n.option pop" \
    :: "r"((uint64_t)(addr)), "r"((uint64_t)(val)) : "memory"); })
#define HFENCE_VVMA(va, asid) __asm__ volatile(".option push\n.option arch, +h\nhfence.vvma %0, %1\n.option pop" \
    :: "r"((uint64_t)(va)), "r"((uint64_t)(asid)) : "memory")
#define HFENCE_GVMA(gpa_shr2, vmid) __asm__ volatile(".option push\n.option arch, +h\nhfence.gvma %0, %1\n.option pop" \
    :: "r"((uint64_t)(gpa_shr2)), "r"((uint64_t)(vmid)) : "memory")
#define HFENCE_ALL() __asm__ volatile(".option push\n.option arch, +h\nhfence.gvma zero, zero\nhfence.vvma zero, zero\n" \
    "sfence.vma zero, zero\n.option pop" ::: "memory")

/* A function `name(arg)` that runs the 32-bit instruction `word` with a0 = arg (as rd and rs1)
   and returns a0, so a trapping instruction's exact bits are known (tval checks). */
#define GUEST_INSN(name, word) static uint64_t name(uint64_t arg) { \
        register uint64_t _a0 __asm__("a0") = arg; \
        __asm__ volatile(".word %1" : "+r"(_a0) : "i"(word) : "memory"); \
        return _a0; }
/* csrr a0, csr and csrrw a0, csr, a0. */
#define CSRR_A0(csr)  ((((uint64_t)(csr)) << 20) | (2u << 12) | (10u << 7) | 0x73u)
#define CSRRW_A0(csr) ((((uint64_t)(csr)) << 20) | (10u << 15) | (1u << 12) | (10u << 7) | 0x73u)

/* The last trap taken while an expectation was armed. level: 'M', 'S' (HS) or 'V' (VS). */
struct hyp_trap {
    uint64_t cause, epc, tval;
    uint64_t tval2;   /* mtval2 (M) or htval (HS); 0 in VS */
    uint64_t tinst;   /* mtinst (M) or htinst (HS); 0 in VS */
    uint64_t status;  /* mstatus (M), sstatus (HS) or vsstatus-as-sstatus (VS) at entry */
    uint64_t hstatus; /* hstatus at entry for M and HS traps */
    int level;
};
extern volatile struct hyp_trap ht;

/* Installs the recorder (trap_set_handler), the HS trap vector and the VS trap vector (vstvec,
   vsscratch stack); sets vsstatus.FS so compiled code may run in VS. */
void hyp_init(void);
/* Arms the recorder for one trap with `cause` (HYP_ANY_CAUSE: any trap). */
#define HYP_ANY_CAUSE (~0UL)
void hyp_expect(uint64_t cause);
int hyp_consumed(void);

/* Runs fn(arg) in VS (mode PRV_S) or VU (PRV_U) through mret with MPV = 1; returns its result.
   Its final return traps to M (or to HS if medeleg delegates it) and is turned into the M return
   path, so medeleg bit 10 may be set. */
uint64_t run_in_v(unsigned mode, uint64_t (*fn)(uint64_t), uint64_t arg);

#define EXPECT_HTRAP(level_, cause_, tval_, stmt) do { \
        hyp_expect(cause_); \
        stmt; \
        CHECK_EQ(hyp_consumed(), 1); \
        CHECK_EQ(ht.cause, (cause_)); \
        CHECK_EQ(ht.tval, (tval_)); \
        CHECK_EQ(ht.level, (level_)); \
    } while (0)

/* For illegal/virtual-instruction traps whose tval may be the instruction bits or 0 (both allowed
   by the spec; QEMU 7.2 writes 0 for the H instructions). */
#define EXPECT_HTRAP_INSN(level_, cause_, bits_, stmt) do { \
        hyp_expect(cause_); \
        stmt; \
        CHECK_EQ(hyp_consumed(), 1); \
        CHECK_EQ(ht.cause, (cause_)); \
        CHECK(ht.tval == 0 || ht.tval == (bits_)); \
        CHECK_EQ(ht.level, (level_)); \
    } while (0)

/* Sv39x4 G-stage tables: 16 KiB roots (two available: index 0 and 1). */
uint64_t *g_root(int index);
volatile uint64_t *g_pte(uint64_t *root, uint64_t gpa, int level);
void g_map(uint64_t *root, uint64_t gpa, uint64_t hpa, int level, uint64_t flags);
/* GPA = HPA 1 GiB leaves (U, RWX, A, D) over 0..1 GiB (MMIO) and 2..3 GiB (RAM). */
void g_identity(uint64_t *root);
uint64_t hgatp_sv39x4(uint64_t *root, uint64_t vmid);
/* Sv48x4: the same 16 KiB roots, four levels (root indexed by GPA bits 49:39). */
volatile uint64_t *g48_pte(uint64_t *root, uint64_t gpa, int level);
void g48_map(uint64_t *root, uint64_t gpa, uint64_t hpa, int level, uint64_t flags);
uint64_t hgatp_sv48x4(uint64_t *root, uint64_t vmid);
/* VS-stage Sv39 identity for VS (supervisor) code: 1 GiB leaves over MMIO (RW) and RAM (RWX). */
void vs_identity(uint64_t *root);

/* Guest-mode trap vector (in hyp_entry.S) and its C side. */
void vs_trap_entry(void);
#endif
