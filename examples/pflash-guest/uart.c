/*
 * The UART exercise: the guest drives an NS16550A at 0x1000_0000 (QEMU virt's UART0, register
 * shift 0) with plain byte stores, between two lines on the SBI console. It does not turn on
 * paging (vsatp stays Bare, VA = GPA), so the UART's guest-physical address is the pointer.
 */
#include "guest.h"

#define UART0 ((volatile uint8_t *)0x10000000UL)
#define UART_THR 0
#define UART_IER 1
#define UART_DLL 0
#define UART_DLM 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_LSR 5
#define UART_SCR 7
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define LSR_THRE 0x20

static void uart_init(void)
{
    UART0[UART_IER] = 0x00;           /* no interrupts: the guest polls LSR */
    UART0[UART_LCR] = LCR_DLAB;       /* divisor latch: 115200 baud at QEMU's 1.8432 MHz clock */
    UART0[UART_DLL] = 0x01;
    UART0[UART_DLM] = 0x00;
    UART0[UART_LCR] = LCR_8N1;        /* 8 data bits, no parity, 1 stop bit; DLAB off again */
    UART0[UART_FCR] = 0x07;           /* FIFOs on and cleared */
}

static void uart_putc(char c)
{
    while (!(UART0[UART_LSR] & LSR_THRE))
        ;
    UART0[UART_THR] = (uint8_t)c;
}

static void uart_puts(const char *s)
{
    while (*s)
        uart_putc(*s++);
}

void guest_main(unsigned long hartid, unsigned long dtb)
{
    (void)hartid;
    (void)dtb;
    console_puts("sbi: next line comes from the UART at 0x10000000\n");
    uart_init();
    uart_puts("hello from the guest's UART\n");
    UART0[UART_SCR] = 0x5a;
    uint8_t scratch = UART0[UART_SCR];
    console_puts("sbi: back on the SBI console, UART scratch register reads ");
    console_hex(scratch, 2);
    console_putc('\n');
    system_shutdown(scratch == 0x5a ? SBI_SRST_REASON_NONE : SBI_SRST_REASON_SYSFAIL);
}
