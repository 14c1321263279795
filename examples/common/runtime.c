/* Test runtime: PASS/FAIL reporting and the C side of trap handling. */
#include "test.h"

volatile struct trap_record trap_last;
volatile int trap_count;

static trap_handler_fn custom_handler;
static volatile int expect_armed;
static volatile int expect_met;
static volatile uint64_t expect_cause;

static void print_line_start(void)
{
    uart_puts(test_name);
    uart_puts(": ");
}

void test_note(const char *msg)
{
    print_line_start();
    uart_puts(msg);
    uart_putc('\n');
}

void test_note_hex(const char *label, uint64_t value)
{
    print_line_start();
    uart_puts(label);
    uart_puts(" = ");
    uart_puthex(value);
    uart_putc('\n');
}

void test_fail_at(int line, const char *expr, uint64_t got, uint64_t want, int has_values)
{
    print_line_start();
    uart_puts("FAIL at line ");
    uart_putdec((uint64_t)line);
    uart_puts(": ");
    uart_puts(expr);
    if (has_values) {
        uart_puts(" (got ");
        uart_puthex(got);
        uart_puts(", want ");
        uart_puthex(want);
        uart_puts(")");
    }
    uart_putc('\n');
    finisher_fail(1);
}

void test_exit(int rc)
{
    print_line_start();
    if (rc == 0) {
        uart_puts("PASS\n");
        finisher_pass();
    }
    uart_puts("FAIL (main returned ");
    uart_putdec((uint64_t)rc);
    uart_puts(")\n");
    finisher_fail(rc > 0 && rc < 0x10000 ? (uint32_t)rc : 1);
}

void trap_set_handler(trap_handler_fn fn)
{
    custom_handler = fn;
}

void trap_expect(uint64_t cause)
{
    expect_cause = cause;
    expect_met = 0;
    expect_armed = 1;
}

int trap_consumed(void)
{
    int met = expect_met;
    expect_armed = 0;
    expect_met = 0;
    return met;
}

int insn_length(uint64_t addr)
{
    uint16_t low = *(volatile uint16_t *)addr;
    return (low & 3) == 3 ? 4 : 2;
}

static int is_fetch_fault(uint64_t cause)
{
    return cause == CAUSE_MISALIGNED_FETCH || cause == CAUSE_FETCH_ACCESS || cause == CAUSE_FETCH_PAGE_FAULT;
}

static __attribute__((noreturn)) void unexpected(struct trap_frame *f, int level)
{
    print_line_start();
    uart_puts("FAIL: unexpected trap in ");
    uart_putc((char)level);
    uart_puts("-mode: cause=");
    uart_puthex(f->cause);
    uart_puts(" epc=");
    uart_puthex(f->epc);
    uart_puts(" tval=");
    uart_puthex(f->tval);
    uart_putc('\n');
    finisher_fail(2);
}

extern char run_return_ecall[], run_forward_ecall[];

/* The ecalls that end a run_in_mode call are recognised by their address, not by register
   contents, so a test's own ecalls can never be mistaken for them. */
static int is_return_ecall(struct trap_frame *f)
{
    int ecall = f->cause == CAUSE_USER_ECALL || f->cause == CAUSE_SUPERVISOR_ECALL || f->cause == CAUSE_MACHINE_ECALL;
    return ecall && (f->epc == (uint64_t)run_return_ecall || f->epc == (uint64_t)run_forward_ecall);
}

static void handle(struct trap_frame *f, int level)
{
    if (custom_handler && custom_handler(f, level)) {
        return;
    }
    if (expect_armed && !expect_met && f->cause == expect_cause) {
        trap_last.cause = f->cause;
        trap_last.epc = f->epc;
        trap_last.tval = f->tval;
        trap_last.status = f->status;
        trap_last.level = level;
        trap_count++;
        expect_met = 1;
        if (is_fetch_fault(f->cause)) {
            f->epc = f->x[1];
        } else {
            f->epc += (uint64_t)insn_length(f->epc);
        }
        return;
    }
    unexpected(f, level);
}

/* Returns 1 to make m_trap_entry resume the caller of run_in_mode. */
int m_trap_dispatch(struct trap_frame *f)
{
    if (is_return_ecall(f)) {
        return 1;
    }
    handle(f, 'M');
    return 0;
}

/* Returns 1 to make s_trap_entry forward a delegated run_in_mode return to M. */
int s_trap_dispatch(struct trap_frame *f)
{
    if (is_return_ecall(f)) {
        return 1;
    }
    handle(f, 'S');
    return 0;
}

/* The compiler may emit calls to these even with -ffreestanding. */
void *memset(void *dst, int c, unsigned long n)
{
    unsigned char *d = dst;
    while (n--) {
        *d++ = (unsigned char)c;
    }
    return dst;
}

void *memcpy(void *dst, const void *src, unsigned long n)
{
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) {
        *d++ = *s++;
    }
    return dst;
}

int memcmp(const void *a, const void *b, unsigned long n)
{
    const unsigned char *x = a, *y = b;
    for (; n; n--, x++, y++) {
        if (*x != *y) {
            return *x - *y;
        }
    }
    return 0;
}
