/*
 * hv-baremetal: a minimal HS-mode hypervisor for the h_2_0 pflash exercise.
 *
 * One guest, one vCPU, no interrupts and no timers, so every run prints the same lines. The guest
 * RAM (GPA 0x8000_0000, 16 MiB) lives at a different host-physical range (HPA 0x8400_0000), which
 * makes the G-stage visible: a GPA is never an HPA by accident. The pflash#1 page is left unmapped
 * until the guest touches it; the guest-page fault then maps it either to the machine's own
 * pflash#1 (passthrough) or to a RAM frame filled by the hypervisor (emulate).
 */

typedef unsigned long uint64_t;
typedef unsigned long uintptr_t;
typedef unsigned int uint32_t;
typedef unsigned char uint8_t;

#define HV_OPT_H ".option push\n\t.option arch, +h\n\t"
#define HV_OPT_POP "\n\t.option pop"
#define csr_read(csr) ({ uint64_t v_; asm volatile(HV_OPT_H "csrr %0, " #csr HV_OPT_POP : "=r"(v_)); v_; })
#define csr_write(csr, v) asm volatile(HV_OPT_H "csrw " #csr ", %0" HV_OPT_POP : : "r"((uint64_t)(v)) : "memory")

/* ---- platform (QEMU virt) ---- */
#define UART0_BASE 0x10000000UL
#define UART_THR 0
#define UART_LSR 5
#define UART_LSR_THRE 0x20
#define SIFIVE_TEST_BASE 0x100000UL
#define SIFIVE_TEST_PASS 0x5555
#define SIFIVE_TEST_FAIL 0x3333
#define PFLASH1_BASE 0x22000000UL

/* ---- guest layout ---- */
#define GUEST_RAM_GPA 0x80000000UL
#define GUEST_RAM_SIZE (16UL << 20)
#define GUEST_RAM_HPA 0x84000000UL
#define GUEST_ENTRY_GPA 0x80200000UL
#define EMULATED_FRAME_POOL_HPA (GUEST_RAM_HPA + GUEST_RAM_SIZE) /* frames for emulated devices */
#define PAGE_SIZE 4096UL

/* ---- G-stage (Sv39x4) ---- */
#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
/* G-stage accesses all count as user accesses, so every leaf needs U; A/D preset (0xdf). */
#define GSTAGE_LEAF_RWX (PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D)
#define HGATP_MODE_SV39X4 (8UL << 60)

/* ---- H CSR fields and values the tour programs ---- */
#define HSTATUS_SPV (1UL << 7)
#define HSTATUS_SPVP (1UL << 8)
#define HSTATUS_VTVM (1UL << 20)
#define HSTATUS_VTW (1UL << 21)
#define HSTATUS_VTSR (1UL << 22)
#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPP (1UL << 8)
#define HEDELEG_TOUR 0xB10DUL /* misaligned fetch, illegal, breakpoint, U ecall, page faults */
#define HIDELEG_TOUR 0x444UL  /* VSSI, VSTI, VSEI */

/* ---- causes ---- */
#define CAUSE_VS_ECALL 10
#define CAUSE_FETCH_GUEST_PAGE_FAULT 20
#define CAUSE_LOAD_GUEST_PAGE_FAULT 21
#define CAUSE_VIRTUAL_INSTRUCTION 22
#define CAUSE_STORE_GUEST_PAGE_FAULT 23

/* ---- SBI ---- */
#define SBI_EXT_LEGACY_PUTCHAR 0x01
#define SBI_EXT_SRST 0x53525354
#define SBI_ERR_NOT_SUPPORTED (-2L)

#define PFLASH_MODE_PASSTHROUGH 0
#define PFLASH_MODE_EMULATE 1
#ifndef PFLASH_MODE
#define PFLASH_MODE PFLASH_MODE_PASSTHROUGH
#endif

/*
 * How the pflash#1 fault is served. A byte in .data rather than a constant so a debugger can flip
 * it before the fault: it is read when the fault is handled, not at start-up. Forced into .data
 * (a 0 would land in .bss) so the byte is in the ELF image and survives the .bss clear.
 */
volatile uint8_t pflash_mode __attribute__((used, section(".data"))) = PFLASH_MODE;

/* The start of the tour's pflash image (see examples/pflash/make-pflash.sh), served in emulate mode. */
static const uint8_t pflash_image_header[] = {
    'p', 'f', 'l', 'd', 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x17,
    0x00, 0x00, 0x00, 0x00, 'h', 'v', 's', 'c', 'o', 'p', 'e', ' ', 'p', 'f', 'l', 'a', 's', 'h', ' ',
    'p', 'a', 'y', 'l', 'o', 'a', 'd', '\n',
};

extern const uint8_t guest_image_start[], guest_image_end[];
extern uint8_t hs_stack_top[];
void hs_trap_entry(void);

/* The guest's registers while it is out; layout known to start.S. */
struct guest_ctx {
    uint64_t x[32];
    uint64_t hv_sp; /* hypervisor stack top, loaded by hs_trap_entry */
};

static struct guest_ctx guest;

void __attribute__((noreturn)) enter_guest(struct guest_ctx *ctx);

/* Root: 2048 entries (GPA bits 40:30), 16 KiB aligned as the spec requires. */
static uint64_t gstage_root[2048] __attribute__((aligned(16384), section(".bss.gstage_root")));
/* Next-level tables: 8 for the 16 MiB of RAM, 1 for pflash#1, 2 level-1 tables; spare room. */
static uint64_t gstage_tables[16][512] __attribute__((aligned(4096)));
static unsigned gstage_tables_used;
static uintptr_t emulated_frame_next = EMULATED_FRAME_POOL_HPA;

static unsigned long exit_count;
/* Consecutive putchar exits are summarised in one line, so the guest's own text stays readable. */
static unsigned long putchar_run_first, putchar_run_count;
static char guest_last_char = '\n';

void *memset(void *d, int c, unsigned long n)
{
    volatile uint8_t *p = d;
    while (n--)
        *p++ = (uint8_t)c;
    return d;
}

void *memcpy(void *d, const void *s, unsigned long n)
{
    volatile uint8_t *p = d;
    const uint8_t *q = s;
    while (n--)
        *p++ = *q++;
    return d;
}

/* ---------------------------------------------------------------- console and power */

static void uart_putc(char c)
{
    volatile uint8_t *uart = (volatile uint8_t *)UART0_BASE;
    while (!(uart[UART_LSR] & UART_LSR_THRE))
        ;
    uart[UART_THR] = (uint8_t)c;
}

static void print(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

static void put_hex(uint64_t v)
{
    int shift = 60;
    print("0x");
    while (shift > 0 && ((v >> shift) & 0xf) == 0)
        shift -= 4;
    for (; shift >= 0; shift -= 4)
        uart_putc("0123456789abcdef"[(v >> shift) & 0xf]);
}

static void put_dec(long v)
{
    char buf[24];
    int n = 0;
    unsigned long u = v < 0 ? -(unsigned long)v : (unsigned long)v;
    if (v < 0)
        uart_putc('-');
    do {
        buf[n++] = '0' + u % 10;
        u /= 10;
    } while (u);
    while (n)
        uart_putc(buf[--n]);
}

static void __attribute__((noreturn)) power_off(uint32_t code)
{
    *(volatile uint32_t *)SIFIVE_TEST_BASE = code;
    for (;;)
        asm volatile("wfi");
}

static void __attribute__((noreturn)) fail(void)
{
    print("hv: failing\n");
    power_off(SIFIVE_TEST_FAIL | (1u << 16));
}

/* Called from m_trap_entry: M-mode keeps only traps that should never happen. */
void __attribute__((noreturn)) m_trap(uint64_t mcause, uint64_t mepc, uint64_t mtval, uint64_t mtval2)
{
    print("hv: unexpected M-mode trap mcause ");
    put_hex(mcause);
    print(" mepc ");
    put_hex(mepc);
    print(" mtval ");
    put_hex(mtval);
    print(" mtval2 ");
    put_hex(mtval2);
    uart_putc('\n');
    fail();
}

/* ---------------------------------------------------------------- G-stage tables */

static uint64_t *gstage_alloc_table(void)
{
    if (gstage_tables_used == sizeof(gstage_tables) / sizeof(gstage_tables[0])) {
        print("hv: out of G-stage tables\n");
        fail();
    }
    return gstage_tables[gstage_tables_used++]; /* zeroed with .bss */
}

static uint64_t *gstage_next(uint64_t *pte)
{
    if (!(*pte & PTE_V))
        *pte = (((uintptr_t)gstage_alloc_table() >> 12) << 10) | PTE_V;
    return (uint64_t *)((*pte >> 10) << 12);
}

/* Maps one 4 KiB guest-physical page; the tour's guest-visible granularity for devices and RAM. */
static void gstage_map_4k(uintptr_t gpa, uintptr_t hpa)
{
    uint64_t *l1 = gstage_next(&gstage_root[(gpa >> 30) & 0x7ff]);
    uint64_t *l0 = gstage_next(&l1[(gpa >> 21) & 0x1ff]);
    l0[(gpa >> 12) & 0x1ff] = ((hpa >> 12) << 10) | GSTAGE_LEAF_RWX;
}

static void hfence_gvma_all(void)
{
    asm volatile(HV_OPT_H "hfence.gvma zero, zero" HV_OPT_POP ::: "memory");
}

/* ---------------------------------------------------------------- exits */

static const char *pflash_mode_name(uint8_t mode)
{
    return mode == PFLASH_MODE_PASSTHROUGH ? "passthrough" : mode == PFLASH_MODE_EMULATE ? "emulate" : "unknown";
}

/* Ends a run of putchar exits with its summary line (and a newline if the guest left a line open). */
static void flush_putchar_run(void)
{
    if (!putchar_run_count)
        return;
    if (guest_last_char != '\n')
        uart_putc('\n');
    if (putchar_run_count == 1) {
        print("hv: exit #");
        put_dec(putchar_run_first);
        print(": sbi legacy console putchar (1 char)\n");
    } else {
        print("hv: exits #");
        put_dec(putchar_run_first);
        print("..#");
        put_dec(putchar_run_first + putchar_run_count - 1);
        print(": sbi legacy console putchar (");
        put_dec(putchar_run_count);
        print(" chars)\n");
    }
    putchar_run_count = 0;
    guest_last_char = '\n';
}

static void exit_header(void)
{
    flush_putchar_run();
    print("hv: exit #");
    put_dec(exit_count);
    print(": ");
}

static void __attribute__((noreturn)) finish(uint32_t code)
{
    print("hv: ");
    put_dec(exit_count);
    print(" exits, powering off\n");
    power_off(code);
}

static void handle_sbi(struct guest_ctx *g)
{
    uint64_t eid = g->x[17], fid = g->x[16], a0 = g->x[10], a1 = g->x[11];

    if (eid == SBI_EXT_LEGACY_PUTCHAR) {
        if (!putchar_run_count)
            putchar_run_first = exit_count;
        putchar_run_count++;
        guest_last_char = (char)a0;
        uart_putc((char)a0);
        g->x[10] = 0;
    } else if (eid == SBI_EXT_SRST && fid == 0) {
        exit_header();
        print("sbi srst system_reset type ");
        put_dec((long)a0);
        print(a0 == 0 ? " (shutdown)" : " (reboot)");
        print(" reason ");
        put_dec((long)a1);
        print(a1 == 0 ? " (none)\n" : " (failure)\n");
        finish(a1 == 0 ? SIFIVE_TEST_PASS : SIFIVE_TEST_FAIL | (1u << 16));
    } else {
        exit_header();
        print("sbi call eid ");
        put_hex(eid);
        print(" fid ");
        put_hex(fid);
        print(" -> not supported (a0 = -2)\n");
        g->x[10] = (uint64_t)SBI_ERR_NOT_SUPPORTED;
        g->x[11] = 0;
    }
    csr_write(sepc, csr_read(sepc) + 4);
}

static void handle_guest_page_fault(uint64_t scause)
{
    uint64_t stval = csr_read(stval), htval = csr_read(htval), sepc = csr_read(sepc);
    /* htval holds GPA >> 2; the two low bits come from the guest-virtual address. */
    uint64_t gpa = (htval << 2) | (stval & 3);
    const char *access = scause == CAUSE_LOAD_GUEST_PAGE_FAULT ? "load"
                       : scause == CAUSE_STORE_GUEST_PAGE_FAULT ? "store" : "fetch";

    exit_header();
    print("guest page fault (");
    print(access);
    print(") scause ");
    put_dec((long)scause);
    print(" sepc ");
    put_hex(sepc);
    print(" stval ");
    put_hex(stval);
    print(" htval ");
    put_hex(htval);
    print(" gpa ");
    put_hex(gpa);

    if ((gpa & ~(PAGE_SIZE - 1)) != PFLASH1_BASE) {
        print(" -> not a device this hypervisor handles\n");
        finish(SIFIVE_TEST_FAIL | (1u << 16));
    }

    uint8_t mode = pflash_mode;
    uintptr_t hpa;
    if (mode == PFLASH_MODE_PASSTHROUGH) {
        /* The guest reads the machine's own pflash#1 through a linear map (map_linear). */
        hpa = PFLASH1_BASE;
    } else if (mode == PFLASH_MODE_EMULATE) {
        /* A fresh RAM frame holding what the flash would hold (map_alloc + fill). */
        hpa = emulated_frame_next;
        emulated_frame_next += PAGE_SIZE;
        memset((void *)hpa, 0, PAGE_SIZE);
        memcpy((void *)hpa, pflash_image_header, sizeof(pflash_image_header));
    } else {
        print(" -> bad pflash_mode ");
        put_dec(mode);
        uart_putc('\n');
        finish(SIFIVE_TEST_FAIL | (1u << 16));
    }
    gstage_map_4k(PFLASH1_BASE, hpa);
    hfence_gvma_all();
    print(" -> ");
    print(pflash_mode_name(mode));
    print(" hpa ");
    put_hex(hpa);
    uart_putc('\n');
    /* sepc is left alone: sret retries the faulting load, which now translates. */
}

/* Called from hs_trap_entry with the guest's registers saved in *g. */
void hs_trap(struct guest_ctx *g)
{
    uint64_t scause = csr_read(scause);
    exit_count++;

    if (!(csr_read(hstatus) & HSTATUS_SPV)) {
        exit_header();
        print("trap from HS-mode itself, scause ");
        put_hex(scause);
        print(" sepc ");
        put_hex(csr_read(sepc));
        print(" stval ");
        put_hex(csr_read(stval));
        uart_putc('\n');
        fail();
    }

    switch (scause) {
    case CAUSE_VS_ECALL:
        handle_sbi(g);
        break;
    case CAUSE_FETCH_GUEST_PAGE_FAULT:
    case CAUSE_LOAD_GUEST_PAGE_FAULT:
    case CAUSE_STORE_GUEST_PAGE_FAULT:
        handle_guest_page_fault(scause);
        break;
    default:
        exit_header();
        print(scause == CAUSE_VIRTUAL_INSTRUCTION ? "virtual instruction" : "unexpected exit");
        print(" scause ");
        put_hex(scause);
        print(" sepc ");
        put_hex(csr_read(sepc));
        print(" stval ");
        put_hex(csr_read(stval));
        print(" htval ");
        put_hex(csr_read(htval));
        uart_putc('\n');
        finish(SIFIVE_TEST_FAIL | (1u << 16));
    }
}

/* ---------------------------------------------------------------- set-up (entered from M by mret) */

void __attribute__((noreturn)) hv_main(void)
{
    unsigned long image_size = (unsigned long)(guest_image_end - guest_image_start);

    print("hv: hvscope bare-metal hypervisor, pflash mode: ");
    print(pflash_mode_name(pflash_mode));
    uart_putc('\n');

    /* Traps from the guest come here; sscratch points at the guest context from now on. */
    guest.hv_sp = (uintptr_t)hs_stack_top;
    csr_write(sscratch, &guest);
    csr_write(stvec, hs_trap_entry);

    for (uintptr_t off = 0; off < GUEST_RAM_SIZE; off += PAGE_SIZE)
        gstage_map_4k(GUEST_RAM_GPA + off, GUEST_RAM_HPA + off);
    uint64_t hgatp = HGATP_MODE_SV39X4 | ((uintptr_t)gstage_root >> 12);
    csr_write(hgatp, hgatp);
    hfence_gvma_all();
    print("hv: G-stage Sv39x4 root ");
    put_hex((uintptr_t)gstage_root);
    print(" hgatp ");
    put_hex(hgatp);
    print(": guest RAM gpa ");
    put_hex(GUEST_RAM_GPA);
    print("..");
    put_hex(GUEST_RAM_GPA + GUEST_RAM_SIZE);
    print(" -> hpa ");
    put_hex(GUEST_RAM_HPA);
    print(" (4 KiB pages), pflash#1 gpa ");
    put_hex(PFLASH1_BASE);
    print(" unmapped\n");

    memcpy((void *)(GUEST_RAM_HPA + (GUEST_ENTRY_GPA - GUEST_RAM_GPA)), guest_image_start, image_size);
    print("hv: guest image ");
    put_dec((long)image_size);
    print(" bytes at hpa ");
    put_hex(GUEST_RAM_HPA + (GUEST_ENTRY_GPA - GUEST_RAM_GPA));
    print(", entering VS-mode at gpa ");
    put_hex(GUEST_ENTRY_GPA);
    uart_putc('\n');

    csr_write(hedeleg, HEDELEG_TOUR);
    csr_write(hideleg, HIDELEG_TOUR);
    csr_write(hvip, 0);
    csr_write(hie, 0);
    csr_write(hcounteren, 0xffffffffUL);
    csr_write(vsatp, 0);
    csr_write(sie, 0);

    /* sret enters VS-mode: hstatus.SPV = 1, SPVP = 1, sstatus.SPP = S, no VS traps forced. */
    uint64_t hstatus = csr_read(hstatus);
    hstatus |= HSTATUS_SPV | HSTATUS_SPVP;
    hstatus &= ~(HSTATUS_VTVM | HSTATUS_VTW | HSTATUS_VTSR);
    csr_write(hstatus, hstatus);
    uint64_t sstatus = csr_read(sstatus);
    sstatus = (sstatus | SSTATUS_SPP) & ~SSTATUS_SIE;
    csr_write(sstatus, sstatus);
    csr_write(sepc, GUEST_ENTRY_GPA);

    guest.x[10] = 0; /* a0 = hartid */
    guest.x[11] = 0; /* a1 = device tree: none, the guest does not need one */
    enter_guest(&guest);
}
