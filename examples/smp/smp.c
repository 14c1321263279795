/*
 * test_smp: all harts of an -smp N virt machine increment shared counters with AMOs and with
 * LR/SC loops, then hart 0 wakes every other hart with a CLINT software interrupt (msip) and waits
 * for each to acknowledge. Hart 0 prints the totals and exits through the sifive_test finisher.
 */
#include <stdint.h>

#define UART ((volatile uint8_t *)0x10000000UL)
#define MSIP ((volatile uint32_t *)0x02000000UL)
#define FINISHER ((volatile uint32_t *)0x00100000UL)
#define MTIME ((volatile uint64_t *)0x0200bff8UL)
/* Hart 0 counts the harts that exist: those that check in within 50 ms (10 MHz mtime ticks). */
#define SETTLE_TICKS 500000
#define ROUNDS 20000
#define MAX_HARTS 8

static volatile uint64_t amo_counter;
static volatile uint64_t lrsc_counter;
static volatile uint32_t checked_in;
static volatile uint32_t arrived;
static volatile uint32_t acknowledged;
static volatile uint32_t woken[MAX_HARTS];

static void putc_(char c) {
    while (!(UART[5] & 0x20)) {
    }
    UART[0] = (uint8_t)c;
}

static void puts_(const char *s) {
    while (*s) {
        putc_(*s++);
    }
}

static void putdec(uint64_t v) {
    char buf[24];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        putc_(buf[--n]);
    }
}

static void lrsc_add(volatile uint64_t *p, uint64_t v) {
    uint64_t old, fail;
    do {
        __asm__ volatile("lr.d %0, (%2)\n\tadd %0, %0, %3\n\tsc.d %1, %0, (%2)"
                         : "=&r"(old), "=&r"(fail) : "r"(p), "r"(v) : "memory");
    } while (fail);
}

void hart_main(uint64_t hartid) {
    __atomic_fetch_add(&checked_in, 1, __ATOMIC_SEQ_CST);
    for (int i = 0; i < ROUNDS; i++) {
        __atomic_fetch_add(&amo_counter, 1, __ATOMIC_RELAXED);
        lrsc_add(&lrsc_counter, 1);
    }
    __atomic_fetch_add(&arrived, 1, __ATOMIC_SEQ_CST);
    if (hartid != 0) {
        /* Wait for hart 0's software interrupt (mie.MSIE set, global MIE off: wfi still wakes). */
        __asm__ volatile("csrs mie, %0" :: "r"(1UL << 3));
        while (!(MSIP[hartid] & 1) ) {
            __asm__ volatile("wfi");
        }
        MSIP[hartid] = 0;
        woken[hartid] = 1;
        __atomic_fetch_add(&acknowledged, 1, __ATOMIC_SEQ_CST);
        for (;;) {
            __asm__ volatile("wfi");
        }
    }
    /* Hart 0: every hart that exists checks in within the settle time; then wait for all to finish. */
    uint32_t harts = checked_in;
    uint64_t since = *MTIME;
    while (*MTIME - since < SETTLE_TICKS) {
        if (checked_in != harts) {
            harts = checked_in;
            since = *MTIME;
        }
    }
    while (arrived != harts) {
    }
    for (uint32_t h = 1; h < harts; h++) {
        MSIP[h] = 1;
    }
    while (acknowledged != harts - 1) {
    }
    int ok = amo_counter == (uint64_t)harts * ROUNDS && lrsc_counter == (uint64_t)harts * ROUNDS;
    for (uint32_t h = 1; h < harts; h++) {
        ok &= woken[h] == 1;
    }
    puts_("test_smp: harts ");
    putdec(harts);
    puts_(" amo ");
    putdec(amo_counter);
    puts_(" lr/sc ");
    putdec(lrsc_counter);
    puts_(" ipi acks ");
    putdec(acknowledged);
    puts_(ok ? "\ntest_smp: PASS\n" : "\ntest_smp: FAIL\n");
    *FINISHER = ok ? 0x5555 : (1 << 16) | 0x3333;
    for (;;) {
    }
}
