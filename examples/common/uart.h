/* Polled NS16550A console at 0x1000_0000 (QEMU virt). */
#ifndef UART_H
#define UART_H
#include <stdint.h>

#define UART_BASE 0x10000000UL

void uart_putc(char c);
void uart_puts(const char *s);
/* Prints "0x" followed by 16 hex digits. */
void uart_puthex(uint64_t v);
void uart_putdec(uint64_t v);
#endif
