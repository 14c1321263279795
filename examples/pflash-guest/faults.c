/*
 * guest-faults: the pflash guest's start-up followed by one misbehaviour, for robustness tests.
 * The variant is the byte `fault_kind` (kept in .data so a debugger can change it before it is read):
 *   0 FAULT_UNMAPPED  jump to guest-physical 0x9000_0000: mapped by the guest's own 1 GiB leaf but
 *                     outside the hypervisor's 16 MiB of guest RAM (instruction guest-page fault)
 *   1 FAULT_LOOP      spin forever without any exit
 *   2 FAULT_SBI       call SBI extension 0x0abcdef0, print the error code and shut down
 */
#include "guest.h"

#define FAULT_UNMAPPED 0
#define FAULT_LOOP 1
#define FAULT_SBI 2

#ifndef FAULT_KIND
#define FAULT_KIND FAULT_SBI
#endif

#define UNMAPPED_GPA 0x90000000UL
#define SBI_EXT_UNKNOWN 0x0abcdef0

volatile uint8_t fault_kind __attribute__((used, section(".data"))) = FAULT_KIND;

void guest_main(unsigned long hartid, unsigned long dtb)
{
    (void)hartid;
    (void)dtb;
    boot_paging_enable();

    switch (fault_kind) {
    case FAULT_UNMAPPED:
        console_puts("guest-faults: jumping to unmapped gpa ");
        console_hex(UNMAPPED_GPA, 8);
        console_putc('\n');
        ((void (*)(void))UNMAPPED_GPA)();
        break;
    case FAULT_LOOP:
        console_puts("guest-faults: looping forever\n");
        for (;;)
            asm volatile("" ::: "memory");
    case FAULT_SBI: {
        long err = sbi_ecall(0, 0, 0, SBI_EXT_UNKNOWN);
        console_puts("guest-faults: sbi extension ");
        console_hex(SBI_EXT_UNKNOWN, 8);
        console_puts(" returned a0 = ");
        console_dec(err);
        console_putc('\n');
        break;
    }
    default:
        console_puts("guest-faults: unknown fault_kind\n");
        break;
    }
    system_shutdown(SBI_SRST_REASON_NONE);
}
