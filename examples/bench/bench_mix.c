/* Mixed benchmark for the emulator, closer to system code than bench_int's tight loops: a 1 MiB
   buffer is filled by xorshift64, checksummed by a table-driven CRC32 (byte loads, a 1 KiB table),
   folded into a 40x40 64-bit matrix multiply, then hit by random read-modify-writes (the TLB sees
   256 pages in random order). Repeated ROUNDS times. Prints a checksum (checked against the value
   QEMU computes, so a wrong emulator fails) and minstret. -DBENCH_SMALL gives a ~5e7-instruction
   variant for tests; the full one runs ~1.5e9 instructions. */
#include "test.h"

#ifdef BENCH_SMALL
#define ROUNDS 2
#define EXPECTED_CHECKSUM 0x30b0dbda3ed72d79UL
#else
#define ROUNDS 54
#define EXPECTED_CHECKSUM 0x531843f14b315eedUL
#endif

#define BUF_WORDS (128 * 1024)          /* 1 MiB of uint64_t */
#define RMW_PER_ROUND (512 * 1024)
#define MAT_N 40

static uint64_t buf[BUF_WORDS];
static uint32_t crc_table[256];
static uint64_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N];

static uint64_t xorshift64(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *s = x;
    return x;
}

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = (c >> 1) ^ (0xedb88320u & -(c & 1));
        }
        crc_table[i] = c;
    }
}

static uint32_t crc32(const uint8_t *p, uint32_t n, uint32_t crc)
{
    crc = ~crc;
    for (uint32_t i = 0; i < n; i++) {
        crc = crc_table[(crc ^ p[i]) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

static void fill(uint64_t *state)
{
    for (uint32_t i = 0; i < BUF_WORDS; i++) {
        buf[i] = xorshift64(state);
    }
}

/* A = the buffer's first words, B = words from its middle; returns a fold of A*B. */
static uint64_t matmul(void)
{
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            mat_a[i][j] = buf[i * MAT_N + j] & 0xffff;
            mat_b[i][j] = buf[BUF_WORDS / 2 + i * MAT_N + j] & 0xffff;
        }
    }
    uint64_t sum = 0;
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            uint64_t acc = 0;
            for (int k = 0; k < MAT_N; k++) {
                acc += mat_a[i][k] * mat_b[k][j];
            }
            sum = (sum ^ acc) * 0x100000001b3UL;
        }
    }
    return sum;
}

static uint64_t read_modify_write(uint64_t *state)
{
    uint64_t sum = 0;
    for (uint32_t i = 0; i < RMW_PER_ROUND; i++) {
        uint64_t r = xorshift64(state);
        uint32_t at = (uint32_t)r & (BUF_WORDS - 1);
        uint64_t v = buf[at];
        if (v & 1) {
            v = (v >> 1) ^ r;
        } else {
            v = v * 3 + i;
        }
        buf[at] = v;
        sum += v >> (r >> 58);
    }
    return sum;
}

int main(void)
{
    uint64_t start = csr_read(minstret);
    uint64_t state = 0x9e3779b97f4a7c15UL;
    uint64_t checksum = 0;
    crc_init();
    for (int round = 0; round < ROUNDS; round++) {
        fill(&state);
        checksum = checksum * 0x9e3779b97f4a7c15UL + crc32((const uint8_t *)buf, sizeof buf, (uint32_t)round);
        checksum = checksum * 0x9e3779b97f4a7c15UL + matmul();
        checksum = checksum * 0x9e3779b97f4a7c15UL + read_modify_write(&state);
        checksum = checksum * 0x9e3779b97f4a7c15UL + crc32((const uint8_t *)buf, sizeof buf / 4, 0);
    }
    uint64_t instret = csr_read(minstret) - start;
    uart_puts(test_name);
    uart_puts(": checksum ");
    uart_puthex(checksum);
    uart_puts(" minstret ");
    uart_putdec(instret);
    uart_putc('\n');
    CHECK_EQ(checksum, EXPECTED_CHECKSUM);
    return 0;
}
