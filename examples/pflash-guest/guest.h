/* Shared start-up and console of the hvscope guests (pflash-guest, guest-faults). */
#ifndef HVSCOPE_GUEST_H
#define HVSCOPE_GUEST_H

typedef unsigned long uintptr_t;
typedef unsigned long uint64_t;
typedef unsigned int uint32_t;
typedef unsigned char uint8_t;

/* ArceOS' physical-to-virtual offset: the linear window starts at this VA and maps PA 0. */
#define PHYS_VIRT_OFFSET 0xffffffc000000000UL

/* SBI extension ids used by the guests (legacy putchar, system reset). */
#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_SRST 0x53525354
#define SBI_SRST_SHUTDOWN 0
#define SBI_SRST_REASON_NONE 0
#define SBI_SRST_REASON_SYSFAIL 1

long sbi_ecall(long a0, long a1, long a6, long a7);
uint32_t dev_read32(uintptr_t va);

void boot_paging_enable(void);
void kernel_remap(void);
void console_putc(char c);
void console_puts(const char *s);
void console_hex(uint64_t v, int digits);
void console_dec(long v);
void __attribute__((noreturn)) system_shutdown(long reason);

void guest_main(unsigned long hartid, unsigned long dtb);

#endif
