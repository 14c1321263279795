/* CSR access and the architectural constants the tests use (names as in the privileged spec). */
#ifndef CSR_H
#define CSR_H
#include <stdint.h>

#define csr_read(csr) ({ uint64_t _v; __asm__ volatile("csrr %0, " #csr : "=r"(_v)); _v; })
#define csr_write(csr, val) ({ __asm__ volatile("csrw " #csr ", %0" ::"rK"((uint64_t)(val)) : "memory"); })
#define csr_swap(csr, val) ({ uint64_t _v; __asm__ volatile("csrrw %0, " #csr ", %1" : "=r"(_v) : "rK"((uint64_t)(val)) : "memory"); _v; })
#define csr_set(csr, bits) ({ __asm__ volatile("csrs " #csr ", %0" ::"rK"((uint64_t)(bits)) : "memory"); })
#define csr_clear(csr, bits) ({ __asm__ volatile("csrc " #csr ", %0" ::"rK"((uint64_t)(bits)) : "memory"); })

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define MSTATUS_SIE   (1UL << 1)
#define MSTATUS_MIE   (1UL << 3)
#define MSTATUS_SPIE  (1UL << 5)
#define MSTATUS_UBE   (1UL << 6)
#define MSTATUS_MPIE  (1UL << 7)
#define MSTATUS_SPP   (1UL << 8)
#define MSTATUS_VS    (3UL << 9)
#define MSTATUS_MPP_SHIFT 11
#define MSTATUS_MPP   (3UL << 11)
#define MSTATUS_FS_SHIFT 13
#define MSTATUS_FS    (3UL << 13)
#define MSTATUS_XS    (3UL << 15)
#define MSTATUS_MPRV  (1UL << 17)
#define MSTATUS_SUM   (1UL << 18)
#define MSTATUS_MXR   (1UL << 19)
#define MSTATUS_TVM   (1UL << 20)
#define MSTATUS_TW    (1UL << 21)
#define MSTATUS_TSR   (1UL << 22)
#define MSTATUS_UXL_SHIFT 32
#define MSTATUS_UXL   (3UL << 32)
#define MSTATUS_SXL_SHIFT 34
#define MSTATUS_SXL   (3UL << 34)
#define MSTATUS_SD    (1UL << 63)

#define CAUSE_MISALIGNED_FETCH    0
#define CAUSE_FETCH_ACCESS        1
#define CAUSE_ILLEGAL_INSTRUCTION 2
#define CAUSE_BREAKPOINT          3
#define CAUSE_MISALIGNED_LOAD     4
#define CAUSE_LOAD_ACCESS         5
#define CAUSE_MISALIGNED_STORE    6
#define CAUSE_STORE_ACCESS        7
#define CAUSE_USER_ECALL          8
#define CAUSE_SUPERVISOR_ECALL    9
#define CAUSE_MACHINE_ECALL       11
#define CAUSE_FETCH_PAGE_FAULT    12
#define CAUSE_LOAD_PAGE_FAULT     13
#define CAUSE_STORE_PAGE_FAULT    15

#define CAUSE_INTERRUPT (1UL << 63)
#define IRQ_S_SOFT  1
#define IRQ_M_SOFT  3
#define IRQ_S_TIMER 5
#define IRQ_M_TIMER 7
#define IRQ_S_EXT   9
#define IRQ_M_EXT   11

#define MIP_SSIP (1UL << IRQ_S_SOFT)
#define MIP_MSIP (1UL << IRQ_M_SOFT)
#define MIP_STIP (1UL << IRQ_S_TIMER)
#define MIP_MTIP (1UL << IRQ_M_TIMER)
#define MIP_SEIP (1UL << IRQ_S_EXT)
#define MIP_MEIP (1UL << IRQ_M_EXT)

/* CLINT of the virt board. */
#define CLINT_MSIP     ((volatile uint32_t *)0x02000000UL)
#define CLINT_MTIMECMP ((volatile uint64_t *)0x02004000UL)
#define CLINT_MTIME    ((volatile uint64_t *)0x0200BFF8UL)

#define SATP_MODE_BARE 0UL
#define SATP_MODE_SV39 8UL
#define SATP_MODE_SV48 9UL
#define SATP_MODE_SV57 10UL
#define SATP_MODE_SHIFT 60

#endif
