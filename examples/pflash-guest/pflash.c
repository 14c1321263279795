/* The h_2_0 tour's guest: read the pflash#1 magic through the linear window and print it. */
#include "guest.h"

/* pflash#1 of the QEMU virt board (pflash#2 in the tour's words). */
#define PFLASH1_PA 0x22000000UL
/* The payload stays within the one page the hypervisor maps. */
#define PAYLOAD_MAX (4096 - 16)

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

    /* The payload: its length is a big-endian u32 at offset 8, the text starts at offset 16. The
     * flash is read in aligned words, as a CFI device in read-array mode answers them. */
    uint32_t be = dev_read32(va + 8);
    uint32_t len = (be >> 24) | ((be >> 8) & 0xff00) | ((be << 8) & 0xff0000) | (be << 24);
    if (len > PAYLOAD_MAX)
        len = PAYLOAD_MAX;
    console_puts("pflash payload: ");
    char last = '\n';
    for (uint32_t i = 0; i < len; i++) {
        uint32_t word = dev_read32(va + 16 + (i & ~3U));
        last = (char)(word >> (8 * (i & 3)));
        if (i + 1 < len || last != '\n')
            console_putc(last);
    }
    console_putc('\n');

    system_shutdown(SBI_SRST_REASON_NONE);
}
