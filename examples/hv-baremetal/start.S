/*
 * hv-baremetal start-up: M-mode firmware set-up, then the HS-mode trap path.
 *
 * M-mode does only what a hypervisor cannot do itself: delegate the traps it must see to HS, open
 * PMP so HS and VS can reach memory, and mret into HS at hv_main. M keeps every trap it did not
 * delegate and treats it as fatal (m_trap in hv.c).
 */
    .option arch, +h

/* Causes 0,2,3,8,12,13,15 (what HS passes on to VS, hedeleg = 0xB10D) plus the hypervisor's own:
 * 10 ecall from VS, 20/21/23 guest-page faults, 22 virtual instruction. */
#define MEDELEG_HS  (0xB10D | (1 << 10) | (1 << 20) | (1 << 21) | (1 << 22) | (1 << 23))
#define MIDELEG_HS  0x222            /* SSI, STI, SEI; the VS bits 0x444 read as 1 anyway */
#define PMPCFG_NAPOT_RWX 0x1f        /* A = NAPOT, R, W, X */
#define MSTATUS_MPP_MASK (3 << 11)
#define MSTATUS_MPP_S    (1 << 11)
#define MSTATUS_MPV      (1 << 39)

/* Guest context layout, matching struct guest_ctx in hv.c. */
#define CTX_REG(n)  ((n) * 8)
#define CTX_HV_SP   (32 * 8)

    .section .text.entry, "ax"
    .globl _start
_start:
    /* A single-hart hypervisor: park any other hart. */
    csrr    t0, mhartid
    bnez    t0, park
    la      sp, m_stack_top
    la      t0, m_trap_entry
    csrw    mtvec, t0

    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:
    li      t0, MEDELEG_HS
    csrw    medeleg, t0
    li      t0, MIDELEG_HS
    csrw    mideleg, t0
    csrw    mie, zero
    /* One NAPOT entry covering the whole address space; without any PMP entry S/U have no access. */
    li      t0, -1
    csrw    pmpaddr0, t0
    li      t0, PMPCFG_NAPOT_RWX
    csrw    pmpcfg0, t0
    li      t0, -1
    csrw    mcounteren, t0

    /* mret to HS: MPP = S, MPV = 0. */
    li      t0, MSTATUS_MPP_MASK
    csrc    mstatus, t0
    li      t0, MSTATUS_MPP_S
    csrs    mstatus, t0
    li      t0, MSTATUS_MPV
    csrc    mstatus, t0
    la      t0, hs_entry
    csrw    mepc, t0
    mret

park:
    wfi
    j       park

    .text
hs_entry:
    la      sp, hs_stack_top
    call    hv_main
3:  j       3b

/* Every M-mode trap is fatal: report it from a fresh stack. */
    .balign 4
m_trap_entry:
    la      sp, m_stack_top
    csrr    a0, mcause
    csrr    a1, mepc
    csrr    a2, mtval
    csrr    a3, mtval2
    call    m_trap
4:  j       4b

/*
 * HS trap entry. While the guest runs, sscratch holds the guest context; its last field is the
 * hypervisor stack top. All 31 guest registers are saved, so the C handler may change any of them
 * (a0/a1 for SBI return values) before the shared restore path re-enters the guest.
 */
    .balign 4
    .globl hs_trap_entry
hs_trap_entry:
    csrrw   sp, sscratch, sp
    sd      x1, CTX_REG(1)(sp)
    .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd      x\n, CTX_REG(\n)(sp)
    .endr
    csrr    t0, sscratch
    sd      t0, CTX_REG(2)(sp)
    csrw    sscratch, sp
    mv      a0, sp
    ld      sp, CTX_HV_SP(sp)
    call    hs_trap
    csrr    a0, sscratch
    j       guest_restore

/* void enter_guest(struct guest_ctx *ctx): first entry into VS-mode (sepc/hstatus set by caller). */
    .globl enter_guest
enter_guest:
    csrw    sscratch, a0
guest_restore:
    mv      sp, a0
    ld      x1, CTX_REG(1)(sp)
    .irp n, 3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld      x\n, CTX_REG(\n)(sp)
    .endr
    ld      sp, CTX_REG(2)(sp)
    sret

    .section .bss
    .balign 16
    .space  8192
    .globl m_stack_top
m_stack_top:
    .space  16384
    .globl hs_stack_top
hs_stack_top:
