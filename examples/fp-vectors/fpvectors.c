/*
 * Runs RISC-V F/D instructions on generated operands under each rounding mode and prints one
 * line per execution on the NS16550 UART:  <op> <rm> <a> <b> <c> <result> <fflags>  (hex).
 * Single-precision operands and results are the 32-bit patterns; integer results are the full
 * 64-bit register. The JUnit test FpQemuVectorsTest replays every line against hvscope's library.
 */
#include <stdint.h>

#define UART ((volatile uint8_t *)0x10000000)
#define N 17

static void putc_(char c) {
    while ((UART[5] & 0x20) == 0) {
    }
    UART[0] = (uint8_t)c;
}

static void puts_(const char *s) {
    while (*s) putc_(*s++);
}

static void puthex(uint64_t v) {
    char buf[17];
    int i = 16;
    buf[i] = 0;
    do {
        buf[--i] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    puts_(&buf[i]);
}

static uint64_t state = 0x9e3779b97f4a7c15ull;

static uint64_t rnd(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* Structured random operand of a format: extremes, subnormals, halfway-prone fractions. */
static uint64_t operand(int expBits, int p, int relExp) {
    static const uint64_t edgesS[] = {0, 0x80000000, 1, 0x7fffff, 0x800000, 0x3f800000, 0x7f7fffff,
        0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0x7fc12345, 0x4f000000, 0xcf000000, 0x5f800000,
        0x4effffff, 0x3f000000, 0xbfc00000};
    static const uint64_t edgesD[] = {0, 0x8000000000000000ull, 1, 0xfffffffffffffull, 0x10000000000000ull,
        0x3ff0000000000000ull, 0x7fefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
        0x7ff8000000000000ull, 0x7ff0000000000001ull, 0x41e0000000000000ull, 0xc3e0000000000000ull,
        0x43f0000000000000ull, 0x41dfffffffffffffull, 0x3fe0000000000000ull, 0xbff8000000000000ull};
    int maxExp = (1 << expBits) - 1;
    int bias = maxExp >> 1;
    uint64_t fracMask = (1ull << (p - 1)) - 1;
    uint64_t r = rnd();
    int sel = (int)(r % 10);
    if (sel == 0) {
        return p == 24 ? edgesS[rnd() % (sizeof edgesS / 8)] : edgesD[rnd() % (sizeof edgesD / 8)];
    }
    int e;
    switch (sel) {
        case 1: e = (int)(rnd() % (uint64_t)(p + 3)); break;
        case 2: e = maxExp - 1 - (int)(rnd() % (uint64_t)(p + 3)); break;
        case 3: e = bias + 64 - (int)(rnd() % 70); break;
        case 4: case 5: e = relExp >= 0 ? relExp + (int)(rnd() % 7) - 3 : bias + (int)(rnd() % 40) - 20; break;
        default: e = bias + (int)(rnd() % 40) - 20; break;
    }
    if (e < 0) e = 0;
    if (e > maxExp - 1) e = maxExp - 1;
    uint64_t f;
    switch (rnd() % 4) {
        case 0: f = fracMask; break;
        case 1: f = (rnd() & fracMask) & (~0ull << (rnd() % (uint64_t)(p - 1))); break;
        case 2: f = (1ull << (rnd() % (uint64_t)(p - 1))) | (rnd() & 1); break;
        default: f = rnd() & fracMask; break;
    }
    uint64_t v = ((uint64_t)e << (p - 1)) | f;
    if (rnd() & 1) v |= 1ull << (expBits + p - 1);
    return v;
}

static int expOf(uint64_t v, int expBits, int p) {
    return (int)((v >> (p - 1)) & ((1u << expBits) - 1));
}

static uint64_t integer(void) {
    static const uint64_t edges[] = {0, 1, 0xffffffffffffffffull, 0x7fffffff, 0x80000000, 0xffffffff,
        0x7fffffffffffffffull, 0x8000000000000000ull, 0x1000001, 0x20000000000001ull};
    uint64_t r = rnd();
    if (r % 5 == 0) return edges[rnd() % 10];
    int w = 1 + (int)(rnd() % 64);
    uint64_t v = rnd() >> (64 - w);
    if (rnd() & 1) v |= 1ull << (w - 1);
    return (rnd() & 1) ? v : (uint64_t)-(int64_t)v;
}

/* Each DEF names an instruction and the asm that computes it into %0 from %1..%3 (GPRs). */
#define FMVS_IN "fmv.w.x ft0,%1\n\tfmv.w.x ft1,%2\n\tfmv.w.x ft2,%3\n\t"
#define FMVD_IN "fmv.d.x ft0,%1\n\tfmv.d.x ft1,%2\n\tfmv.d.x ft2,%3\n\t"
#define DEF(fn, text) \
    static uint64_t fn(uint64_t a, uint64_t b, uint64_t c) { \
        uint64_t r; \
        __asm__ volatile(text : "=r"(r) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3"); \
        return r; \
    }
#define S3(fn, insn) DEF(fn, FMVS_IN insn "\n\tfmv.x.w %0,ft3")
#define D3(fn, insn) DEF(fn, FMVD_IN insn "\n\tfmv.x.d %0,ft3")
#define SX(fn, insn) DEF(fn, FMVS_IN insn)
#define DX(fn, insn) DEF(fn, FMVD_IN insn)

S3(fadd_s, "fadd.s ft3,ft0,ft1") S3(fsub_s, "fsub.s ft3,ft0,ft1") S3(fmul_s, "fmul.s ft3,ft0,ft1")
S3(fdiv_s, "fdiv.s ft3,ft0,ft1") S3(fsqrt_s, "fsqrt.s ft3,ft0")
S3(fmadd_s, "fmadd.s ft3,ft0,ft1,ft2") S3(fmsub_s, "fmsub.s ft3,ft0,ft1,ft2")
S3(fnmsub_s, "fnmsub.s ft3,ft0,ft1,ft2") S3(fnmadd_s, "fnmadd.s ft3,ft0,ft1,ft2")
S3(fmin_s, "fmin.s ft3,ft0,ft1") S3(fmax_s, "fmax.s ft3,ft0,ft1")
S3(fsgnj_s, "fsgnj.s ft3,ft0,ft1") S3(fsgnjn_s, "fsgnjn.s ft3,ft0,ft1") S3(fsgnjx_s, "fsgnjx.s ft3,ft0,ft1")
SX(feq_s, "feq.s %0,ft0,ft1") SX(flt_s, "flt.s %0,ft0,ft1") SX(fle_s, "fle.s %0,ft0,ft1")
SX(fclass_s, "fclass.s %0,ft0")
SX(fcvt_w_s, "fcvt.w.s %0,ft0") SX(fcvt_wu_s, "fcvt.wu.s %0,ft0")
SX(fcvt_l_s, "fcvt.l.s %0,ft0") SX(fcvt_lu_s, "fcvt.lu.s %0,ft0")
DEF(fcvt_s_w, "fcvt.s.w ft3,%1\n\tfmv.x.w %0,ft3") DEF(fcvt_s_wu, "fcvt.s.wu ft3,%1\n\tfmv.x.w %0,ft3")
DEF(fcvt_s_l, "fcvt.s.l ft3,%1\n\tfmv.x.w %0,ft3") DEF(fcvt_s_lu, "fcvt.s.lu ft3,%1\n\tfmv.x.w %0,ft3")

D3(fadd_d, "fadd.d ft3,ft0,ft1") D3(fsub_d, "fsub.d ft3,ft0,ft1") D3(fmul_d, "fmul.d ft3,ft0,ft1")
D3(fdiv_d, "fdiv.d ft3,ft0,ft1") D3(fsqrt_d, "fsqrt.d ft3,ft0")
D3(fmadd_d, "fmadd.d ft3,ft0,ft1,ft2") D3(fmsub_d, "fmsub.d ft3,ft0,ft1,ft2")
D3(fnmsub_d, "fnmsub.d ft3,ft0,ft1,ft2") D3(fnmadd_d, "fnmadd.d ft3,ft0,ft1,ft2")
D3(fmin_d, "fmin.d ft3,ft0,ft1") D3(fmax_d, "fmax.d ft3,ft0,ft1")
D3(fsgnj_d, "fsgnj.d ft3,ft0,ft1") D3(fsgnjn_d, "fsgnjn.d ft3,ft0,ft1") D3(fsgnjx_d, "fsgnjx.d ft3,ft0,ft1")
DX(feq_d, "feq.d %0,ft0,ft1") DX(flt_d, "flt.d %0,ft0,ft1") DX(fle_d, "fle.d %0,ft0,ft1")
DX(fclass_d, "fclass.d %0,ft0")
DX(fcvt_w_d, "fcvt.w.d %0,ft0") DX(fcvt_wu_d, "fcvt.wu.d %0,ft0")
DX(fcvt_l_d, "fcvt.l.d %0,ft0") DX(fcvt_lu_d, "fcvt.lu.d %0,ft0")
DEF(fcvt_d_w, "fcvt.d.w ft3,%1\n\tfmv.x.d %0,ft3") DEF(fcvt_d_wu, "fcvt.d.wu ft3,%1\n\tfmv.x.d %0,ft3")
DEF(fcvt_d_l, "fcvt.d.l ft3,%1\n\tfmv.x.d %0,ft3") DEF(fcvt_d_lu, "fcvt.d.lu ft3,%1\n\tfmv.x.d %0,ft3")
DEF(fcvt_s_d, "fmv.d.x ft0,%1\n\tfcvt.s.d ft3,ft0\n\tfmv.x.w %0,ft3")
DEF(fcvt_d_s, "fmv.w.x ft0,%1\n\tfcvt.d.s ft3,ft0\n\tfmv.x.d %0,ft3")

typedef uint64_t (*fn3)(uint64_t, uint64_t, uint64_t);

/* kind: 'S' single operands, 'D' double operands, 'I' integer operand, 'X' double operand for
 * fcvt.s.d, 'Y' single operand for fcvt.d.s; rounds: 1 if rm matters (all five modes run). */
struct op {
    const char *name;
    fn3 fn;
    char kind;
    char rounds;
};

static const struct op ops[] = {
    {"fadd.s", fadd_s, 'S', 1}, {"fsub.s", fsub_s, 'S', 1}, {"fmul.s", fmul_s, 'S', 1},
    {"fdiv.s", fdiv_s, 'S', 1}, {"fsqrt.s", fsqrt_s, 'S', 1}, {"fmadd.s", fmadd_s, 'S', 1},
    {"fmsub.s", fmsub_s, 'S', 1}, {"fnmsub.s", fnmsub_s, 'S', 1}, {"fnmadd.s", fnmadd_s, 'S', 1},
    {"fmin.s", fmin_s, 'S', 0}, {"fmax.s", fmax_s, 'S', 0}, {"fsgnj.s", fsgnj_s, 'S', 0},
    {"fsgnjn.s", fsgnjn_s, 'S', 0}, {"fsgnjx.s", fsgnjx_s, 'S', 0}, {"feq.s", feq_s, 'S', 0},
    {"flt.s", flt_s, 'S', 0}, {"fle.s", fle_s, 'S', 0}, {"fclass.s", fclass_s, 'S', 0},
    {"fcvt.w.s", fcvt_w_s, 'S', 1}, {"fcvt.wu.s", fcvt_wu_s, 'S', 1}, {"fcvt.l.s", fcvt_l_s, 'S', 1},
    {"fcvt.lu.s", fcvt_lu_s, 'S', 1}, {"fcvt.s.w", fcvt_s_w, 'I', 1}, {"fcvt.s.wu", fcvt_s_wu, 'I', 1},
    {"fcvt.s.l", fcvt_s_l, 'I', 1}, {"fcvt.s.lu", fcvt_s_lu, 'I', 1},
    {"fadd.d", fadd_d, 'D', 1}, {"fsub.d", fsub_d, 'D', 1}, {"fmul.d", fmul_d, 'D', 1},
    {"fdiv.d", fdiv_d, 'D', 1}, {"fsqrt.d", fsqrt_d, 'D', 1}, {"fmadd.d", fmadd_d, 'D', 1},
    {"fmsub.d", fmsub_d, 'D', 1}, {"fnmsub.d", fnmsub_d, 'D', 1}, {"fnmadd.d", fnmadd_d, 'D', 1},
    {"fmin.d", fmin_d, 'D', 0}, {"fmax.d", fmax_d, 'D', 0}, {"fsgnj.d", fsgnj_d, 'D', 0},
    {"fsgnjn.d", fsgnjn_d, 'D', 0}, {"fsgnjx.d", fsgnjx_d, 'D', 0}, {"feq.d", feq_d, 'D', 0},
    {"flt.d", flt_d, 'D', 0}, {"fle.d", fle_d, 'D', 0}, {"fclass.d", fclass_d, 'D', 0},
    {"fcvt.w.d", fcvt_w_d, 'D', 1}, {"fcvt.wu.d", fcvt_wu_d, 'D', 1}, {"fcvt.l.d", fcvt_l_d, 'D', 1},
    {"fcvt.lu.d", fcvt_lu_d, 'D', 1}, {"fcvt.d.w", fcvt_d_w, 'I', 1}, {"fcvt.d.wu", fcvt_d_wu, 'I', 1},
    {"fcvt.d.l", fcvt_d_l, 'I', 1}, {"fcvt.d.lu", fcvt_d_lu, 'I', 1},
    {"fcvt.s.d", fcvt_s_d, 'X', 1}, {"fcvt.d.s", fcvt_d_s, 'Y', 1},
};

/* Hand-picked operands (op name, a, b, c) run before the generated ones. */
struct fixed {
    const char *op;
    uint64_t a, b, c;
};

static const struct fixed fixedCases[] = {
    /* (2^27-1)*2^-538 * (2^27+1)*2^-538 = 2^-1022 * (1 - 2^-54): tininess after rounding */
    {"fmul.d", 0x1ffffffffc000000ull, 0x2000000002000000ull, 0},
    /* 18631*2^-76 * 1801*2^-75 = 2^-126 * (1 - 2^-25) */
    {"fmul.s", 0x20918e00, 0x1f612000, 0},
    /* fma: inf * 0 + qNaN must raise NV */
    {"fmadd.d", 0x7ff0000000000000ull, 0, 0x7ff8000000000000ull},
    {"fmadd.s", 0, 0x7f800000, 0x7fc00000},
    /* exact zero sums: sign depends on rounding mode */
    {"fadd.d", 0x3ff0000000000000ull, 0xbff0000000000000ull, 0},
    {"fnmadd.d", 0x4000000000000000ull, 0x3ff8000000000000ull, 0xc008000000000000ull},
    /* halfway cases for ties-to-even versus ties-to-max-magnitude */
    {"fadd.s", 0x4b800000, 0x3f800000, 0},
    {"fcvt.w.d", 0x4004000000000000ull, 0, 0},
    {"fcvt.s.d", 0x3ff0000010000000ull, 0, 0},
};

static void emit(const struct op *o, int rm, uint64_t a, uint64_t b, uint64_t c, uint64_t r, uint64_t fl) {
    puts_(o->name); putc_(' ');
    puthex((uint64_t)rm); putc_(' ');
    puthex(a); putc_(' ');
    puthex(b); putc_(' ');
    puthex(c); putc_(' ');
    puthex(r); putc_(' ');
    puthex(fl); putc_('\n');
}

static uint64_t runOp(const struct op *o, int rm, uint64_t a, uint64_t b, uint64_t c, uint64_t *fl) {
    __asm__ volatile("fsrm %0\n\tfsflags zero" : : "r"(rm));
    uint64_t r = o->fn(a, b, c);
    __asm__ volatile("frflags %0" : "=r"(*fl));
    return r;
}

static const struct op *find(const char *name) {
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        const char *x = ops[i].name, *y = name;
        while (*x && *x == *y) {
            x++;
            y++;
        }
        if (*x == *y) return &ops[i];
    }
    return &ops[0];
}

int main(void) {
    unsigned lines = 0;
    for (unsigned i = 0; i < sizeof fixedCases / sizeof fixedCases[0]; i++) {
        const struct fixed *f = &fixedCases[i];
        const struct op *o = find(f->op);
        for (int rm = 0; rm <= 4; rm++) {
            uint64_t fl;
            uint64_t r = runOp(o, rm, f->a, f->b, f->c, &fl);
            emit(o, rm, f->a, f->b, f->c, r, fl);
            lines++;
        }
    }
    for (unsigned i = 0; i < sizeof ops / sizeof ops[0]; i++) {
        const struct op *o = &ops[i];
        int n = o->rounds ? N : 5 * N;
        for (int k = 0; k < n; k++) {
            uint64_t a, b, c;
            if (o->kind == 'S' || o->kind == 'Y') {
                a = operand(8, 24, -1);
                b = operand(8, 24, expOf(a, 8, 24));
                c = operand(8, 24, expOf(a, 8, 24) + expOf(b, 8, 24) - 127);
            } else if (o->kind == 'I') {
                a = integer();
                b = c = 0;
            } else {
                a = operand(11, 53, -1);
                b = operand(11, 53, expOf(a, 11, 53));
                c = operand(11, 53, expOf(a, 11, 53) + expOf(b, 11, 53) - 1023);
            }
            if (o->kind == 'S' || o->kind == 'Y') {
                a &= 0xffffffffu; b &= 0xffffffffu; c &= 0xffffffffu;
            }
            for (int rm = 0; rm <= (o->rounds ? 4 : 0); rm++) {
                uint64_t fl;
                uint64_t r = runOp(o, rm, a, b, c, &fl);
                emit(o, rm, a, b, c, r, fl);
                lines++;
            }
        }
    }
    puts_("end ");
    puthex(lines);
    putc_('\n');
    return 0;
}
