/* The h_2_0 tour's guest: read the pflash#1 magic through the linear window and print it. */
#include "guest.h"

/* pflash#1 of the QEMU virt board (pflash#2 in the tour's words). */
#define PFLASH1_PA 0x22000000UL

void guest_main(unsigned long hartid, unsigned long dtb)
{
    (void)hartid;
    (void)dtb;
    boot_paging_enable();

    uintptr_t va = PHYS_VIRT_OFFSET + PFLASH1_PA;
    uint32_t magic = dev_read32(va);

    console_puts("Try to access dev region [");
    console_hex(va, 16);
    console_puts("], got ");
    console_hex(magic, 8);
    console_putc('\n');

    console_puts("Got pflash magic: ");
    for (int i = 0; i < 4; i++)
        console_putc((char)(magic >> (8 * i)));
    console_putc('\n');

    system_shutdown(SBI_SRST_REASON_NONE);
}
