/* Integer benchmark for the emulator: CRC32 (bitwise), 48x48 int matrix multiply, sieve of
   Eratosthenes and a multiplicative hash loop, repeated ROUNDS times. Prints a checksum (checked
   against the known value, so a wrong emulator fails) and minstret. Build with -DBENCH_SMALL for
   a ~5e7-instruction variant; the full one runs ~1e9 instructions.
   Note: QEMU 7.2 reports host ticks in minstret unless run with -icount shift=0. */
#include "test.h"

#ifdef BENCH_SMALL
#define ROUNDS 4
#define EXPECTED_CHECKSUM 0xbdcc29f158110fb9UL
#else
#define ROUNDS 76
#define EXPECTED_CHECKSUM 0x48445d6f317a7453UL
#endif

#define CRC_BYTES (16 * 1024)
#define MAT_N 48
#define SIEVE_N (256 * 1024)
#define HASH_ITERS (600 * 1000)

static uint8_t data[CRC_BYTES];
static int32_t mat_a[MAT_N][MAT_N], mat_b[MAT_N][MAT_N], mat_c[MAT_N][MAT_N];
static uint8_t composite[SIEVE_N];

static uint32_t crc32(const uint8_t *p, uint32_t n, uint32_t crc)
{
    crc = ~crc;
    for (uint32_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) {
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
        }
    }
    return ~crc;
}

static uint64_t matmul(uint32_t seed)
{
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            seed = seed * 1103515245u + 12345u;
            mat_a[i][j] = (int32_t)(seed >> 16) % 201 - 100;
            seed = seed * 1103515245u + 12345u;
            mat_b[i][j] = (int32_t)(seed >> 16) % 201 - 100;
        }
    }
    uint64_t sum = 0;
    for (int i = 0; i < MAT_N; i++) {
        for (int j = 0; j < MAT_N; j++) {
            int32_t acc = 0;
            for (int k = 0; k < MAT_N; k++) {
                acc += mat_a[i][k] * mat_b[k][j];
            }
            mat_c[i][j] = acc;
            sum = sum * 31 + (uint32_t)acc;
        }
    }
    return sum;
}

static uint64_t sieve(void)
{
    for (uint32_t i = 0; i < SIEVE_N; i++) {
        composite[i] = 0;
    }
    uint64_t count = 0;
    for (uint32_t i = 2; i < SIEVE_N; i++) {
        if (!composite[i]) {
            count++;
            for (uint32_t j = i * 2; j < SIEVE_N; j += i) {
                composite[j] = 1;
            }
        }
    }
    return count;
}

static uint64_t hash_loop(uint64_t h)
{
    for (uint32_t i = 0; i < HASH_ITERS; i++) {
        h ^= i;
        h *= 0x100000001b3UL;
        h ^= h >> 29;
        h = (h << 7) | (h >> 57);
    }
    return h;
}

int main(void)
{
    uint64_t start = csr_read(minstret);
    uint64_t checksum = 0;
    uint32_t seed = 1;
    for (int round = 0; round < ROUNDS; round++) {
        for (uint32_t i = 0; i < CRC_BYTES; i++) {
            seed = seed * 1664525u + 1013904223u;
            data[i] = (uint8_t)(seed >> 24);
        }
        checksum = checksum * 0x9e3779b97f4a7c15UL + crc32(data, CRC_BYTES, (uint32_t)round);
        checksum = checksum * 0x9e3779b97f4a7c15UL + matmul(seed);
        checksum = checksum * 0x9e3779b97f4a7c15UL + sieve();
        checksum = checksum * 0x9e3779b97f4a7c15UL + hash_loop(checksum);
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
