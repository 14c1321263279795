/* Start-up code shared by the guests: the boot page table, an SBI console and shutdown. */
#include "guest.h"

#define PTE_FLAGS_1G_RWX 0xefUL /* V|R|W|X|G|A|D: A and D preset so no walk ever writes a PTE */
#define SATP_MODE_SV39 (8UL << 60)

#define PTE_V 0x1UL
#define PTE_FLAGS_4K_DEVICE 0xc7UL /* V|R|W|A|D: device pages, not executable, not global */

/* The boot table of an ArceOS kernel: four 1 GiB leaves, nothing else. */
static uint64_t boot_pt[512] __attribute__((aligned(4096), section(".bss.pagetable")));

/*
 * The table the kernel rebuilds once it runs (as ArceOS does): memory keeps its 1 GiB leaves, the
 * MMIO regions it uses get 4 KiB pages in the linear window (root -> L1 -> L0 -> 4 KiB leaf).
 */
static uint64_t kernel_pt[512] __attribute__((aligned(4096), section(".bss.pagetable")));
static uint64_t mmio_l1[512] __attribute__((aligned(4096), section(".bss.pagetable")));
static uint64_t clint_l0[512] __attribute__((aligned(4096), section(".bss.pagetable")));
static uint64_t pflash_l0[512] __attribute__((aligned(4096), section(".bss.pagetable")));

static uint64_t leaf_1g(uintptr_t pa)
{
    return ((pa >> 12) << 10) | PTE_FLAGS_1G_RWX;
}

void boot_paging_enable(void)
{
    /* Identity maps keep the running code and the devices reachable right after satp is written. */
    boot_pt[0] = leaf_1g(0x00000000UL);
    boot_pt[2] = leaf_1g(0x80000000UL);
    /* The linear window: VPN[2] 0x100 is VA 0xffff_ffc0_0000_0000. */
    boot_pt[((PHYS_VIRT_OFFSET + 0x00000000UL) >> 30) & 0x1ff] = leaf_1g(0x00000000UL);
    boot_pt[((PHYS_VIRT_OFFSET + 0x80000000UL) >> 30) & 0x1ff] = leaf_1g(0x80000000UL);
    uint64_t satp = SATP_MODE_SV39 | ((uintptr_t)boot_pt >> 12);
    asm volatile("csrw satp, %0\n\tsfence.vma" : : "r"(satp) : "memory");
    kernel_remap();
}

static uint64_t pointer(uint64_t *table)
{
    return (((uintptr_t)table >> 12) << 10) | PTE_V;
}

/* Maps [pa, pa + size) at PHYS_VIRT_OFFSET + pa with 4 KiB device pages, inside one 2 MiB region. */
static void map_mmio_4k(uint64_t *l0, uintptr_t pa, uintptr_t size)
{
    uintptr_t va = PHYS_VIRT_OFFSET + pa;
    mmio_l1[(va >> 21) & 0x1ff] = pointer(l0);
    for (uintptr_t off = 0; off < size; off += 4096)
        l0[((va + off) >> 12) & 0x1ff] = (((pa + off) >> 12) << 10) | PTE_FLAGS_4K_DEVICE;
}

void kernel_remap(void)
{
    kernel_pt[2] = leaf_1g(0x80000000UL);
    kernel_pt[((PHYS_VIRT_OFFSET + 0x80000000UL) >> 30) & 0x1ff] = leaf_1g(0x80000000UL);
    kernel_pt[(PHYS_VIRT_OFFSET >> 30) & 0x1ff] = pointer(mmio_l1);
    map_mmio_4k(clint_l0, 0x02000000UL, 0x10000UL);  /* CLINT */
    map_mmio_4k(pflash_l0, 0x22000000UL, 0x1000UL);  /* pflash#1, first page */
    uint64_t satp = SATP_MODE_SV39 | ((uintptr_t)kernel_pt >> 12);
    asm volatile("csrw satp, %0\n\tsfence.vma" : : "r"(satp) : "memory");
}

/* One SBI ecall per byte, exactly like the tour's guest (a hypervisor sees one exit per byte). */
void console_putc(char c)
{
    sbi_ecall((unsigned char)c, 0, 0, SBI_EXT_LEGACY_PUTCHAR);
}

void console_puts(const char *s)
{
    while (*s)
        console_putc(*s++);
}

void console_hex(uint64_t v, int digits)
{
    console_puts("0x");
    for (int i = digits - 1; i >= 0; i--)
        console_putc("0123456789abcdef"[(v >> (4 * i)) & 0xf]);
}

void console_dec(long v)
{
    char buf[24];
    int n = 0;
    unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
    if (v < 0)
        console_putc('-');
    do {
        buf[n++] = '0' + u % 10;
        u /= 10;
    } while (u);
    while (n)
        console_putc(buf[--n]);
}

void system_shutdown(long reason)
{
    sbi_ecall(SBI_SRST_SHUTDOWN, reason, 0, SBI_EXT_SRST);
    for (;;)
        asm volatile("wfi");
}

/* Called by guest_trap_entry for any trap delegated to the guest. */
void __attribute__((noreturn)) guest_trap(uint64_t scause, uint64_t sepc, uint64_t stval)
{
    console_puts("guest: unexpected trap scause ");
    console_hex(scause, 16);
    console_puts(" sepc ");
    console_hex(sepc, 16);
    console_puts(" stval ");
    console_hex(stval, 16);
    console_putc('\n');
    system_shutdown(SBI_SRST_REASON_SYSFAIL);
}
