/* F and D: arithmetic, NaN-boxing of singles, canonical NaN results, rounding modes (static rm
   and dynamic frm, reserved modes illegal), accrued fflags, float-to-int saturation, fmin/fmax
   with -0 and NaNs, fclass, fsqrt, fused multiply-add single rounding, sign injection,
   comparisons' exception rules. Values are handled as bit patterns. */
#include "test.h"

#define NV 0x10
#define DZ 0x08
#define OF 0x04
#define UF 0x02
#define NX 0x01

/* Double ops: operands and result as raw bits. */
#define D2(op, a, b) ({ uint64_t _r; __asm__ volatile( \
    "fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" op " ft2, ft0, ft1\n\tfmv.x.d %0, ft2" \
    : "=r"(_r) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1", "ft2"); _r; })
#define D2RM(op, rm, a, b) ({ uint64_t _r; __asm__ volatile( \
    "fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" op " ft2, ft0, ft1, " rm "\n\tfmv.x.d %0, ft2" \
    : "=r"(_r) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1", "ft2"); _r; })
#define S2RM(op, rm, a, b) ({ uint64_t _r; __asm__ volatile( \
    "fmv.w.x ft0, %1\n\tfmv.w.x ft1, %2\n\t" op " ft2, ft0, ft1, " rm "\n\tfmv.x.w %0, ft2" \
    : "=r"(_r) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1", "ft2"); _r & 0xffffffffUL; })
#define D1(op, a) ({ uint64_t _r; __asm__ volatile( \
    "fmv.d.x ft0, %1\n\t" op " ft2, ft0\n\tfmv.x.d %0, ft2" \
    : "=r"(_r) : "r"((uint64_t)(a)) : "ft0", "ft2"); _r; })
#define D3(op, a, b, c) ({ uint64_t _r; __asm__ volatile( \
    "fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\tfmv.d.x ft3, %3\n\t" op " ft2, ft0, ft1, ft3\n\tfmv.x.d %0, ft2" \
    : "=r"(_r) : "r"((uint64_t)(a)), "r"((uint64_t)(b)), "r"((uint64_t)(c)) : "ft0", "ft1", "ft2", "ft3"); _r; })
/* Single ops: operands NaN-boxed by fmv.w.x; result read back as 32 bits (fmv.x.w sign-extends,
   so mask it) unless the raw 64-bit register is wanted. */
#define S2(op, a, b) ({ uint64_t _r; __asm__ volatile( \
    "fmv.w.x ft0, %1\n\tfmv.w.x ft1, %2\n\t" op " ft2, ft0, ft1\n\tfmv.x.w %0, ft2" \
    : "=r"(_r) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1", "ft2"); _r & 0xffffffffUL; })
#define S1(op, a) ({ uint64_t _r; __asm__ volatile( \
    "fmv.w.x ft0, %1\n\t" op " ft2, ft0\n\tfmv.x.w %0, ft2" \
    : "=r"(_r) : "r"((uint64_t)(a)) : "ft0", "ft2"); _r & 0xffffffffUL; })
#define S3(op, a, b, c) ({ uint64_t _r; __asm__ volatile( \
    "fmv.w.x ft0, %1\n\tfmv.w.x ft1, %2\n\tfmv.w.x ft3, %3\n\t" op " ft2, ft0, ft1, ft3\n\tfmv.x.w %0, ft2" \
    : "=r"(_r) : "r"((uint64_t)(a)), "r"((uint64_t)(b)), "r"((uint64_t)(c)) : "ft0", "ft1", "ft2", "ft3"); _r & 0xffffffffUL; })
/* FP -> integer register (conversions, compares, fclass). */
#define D_TO_X(op, a) ({ uint64_t _r; __asm__ volatile( \
    "fmv.d.x ft0, %1\n\t" op " %0, ft0" : "=r"(_r) : "r"((uint64_t)(a)) : "ft0"); _r; })
#define S_TO_X(op, a) ({ uint64_t _r; __asm__ volatile( \
    "fmv.w.x ft0, %1\n\t" op " %0, ft0" : "=r"(_r) : "r"((uint64_t)(a)) : "ft0"); _r; })
#define D_CMP(op, a, b) ({ uint64_t _r; __asm__ volatile( \
    "fmv.d.x ft0, %1\n\tfmv.d.x ft1, %2\n\t" op " %0, ft0, ft1" \
    : "=r"(_r) : "r"((uint64_t)(a)), "r"((uint64_t)(b)) : "ft0", "ft1"); _r; })
/* Integer -> FP. */
#define X_TO_D(op, x) ({ uint64_t _r; __asm__ volatile( \
    op " ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(_r) : "r"((uint64_t)(x)) : "ft0"); _r; })
#define X_TO_S(op, x) ({ uint64_t _r; __asm__ volatile( \
    op " ft0, %1\n\tfmv.x.w %0, ft0" : "=r"(_r) : "r"((uint64_t)(x)) : "ft0"); _r & 0xffffffffUL; })

static uint64_t take_flags(void) { return csr_swap(fflags, 0); }

/* Bit patterns. */
#define D_ONE   0x3ff0000000000000UL
#define D_TWO   0x4000000000000000UL
#define D_THREE 0x4008000000000000UL
#define D_HALF  0x3fe0000000000000UL
#define D_PZERO 0x0000000000000000UL
#define D_NZERO 0x8000000000000000UL
#define D_PINF  0x7ff0000000000000UL
#define D_NINF  0xfff0000000000000UL
#define D_QNAN  0x7ff8000000000000UL   /* canonical */
#define D_SNAN  0x7ff0000000000001UL
#define D_MAX   0x7fefffffffffffffUL
#define D_MINN  0x0010000000000000UL   /* smallest normal */
#define D_SUB   0x0000000000000001UL
#define S_ONE   0x3f800000UL
#define S_TWO   0x40000000UL
#define S_THREE 0x40400000UL
#define S_HALF  0x3f000000UL
#define S_PZERO 0x00000000UL
#define S_NZERO 0x80000000UL
#define S_PINF  0x7f800000UL
#define S_NINF  0xff800000UL
#define S_QNAN  0x7fc00000UL
#define S_SNAN  0x7f800001UL
#define S_MAX   0x7f7fffffUL

static void check_arith(void)
{
    take_flags();
    CHECK_EQ(D2("fadd.d", D_ONE, D_TWO), D_THREE);
    CHECK_EQ(D2("fsub.d", D_ONE, D_ONE), D_PZERO);
    CHECK_EQ(D2("fmul.d", D_HALF, D_TWO), D_ONE);
    CHECK_EQ(D2("fdiv.d", D_THREE, D_TWO), 0x3ff8000000000000UL);
    CHECK_EQ(S2("fadd.s", S_ONE, S_TWO), S_THREE);
    CHECK_EQ(S2("fmul.s", S_THREE, S_HALF), 0x3fc00000UL);
    CHECK_EQ(take_flags(), 0);                                   /* all exact */
    CHECK_EQ(D2("fdiv.d", D_ONE, D_THREE), 0x3fd5555555555555UL);
    CHECK_EQ(take_flags(), NX);
    CHECK_EQ(S2("fdiv.s", S_ONE, S_THREE), 0x3eaaaaabUL);
    CHECK_EQ(take_flags(), NX);
    /* x - x = +0 in every mode but RDN, where it is -0. */
    CHECK_EQ(D2("fsub.d", D_ONE, D_ONE), D_PZERO);
    CHECK_EQ(D2RM("fsub.d", "rdn", D_ONE, D_ONE) , D_NZERO);
    /* Exceptions: divide by zero, overflow, underflow, invalid; fflags are sticky. */
    CHECK_EQ(D2("fdiv.d", D_ONE, D_PZERO), D_PINF);
    CHECK_EQ(D2("fdiv.d", 0xbff0000000000000UL, D_PZERO), D_NINF);
    CHECK_EQ(take_flags(), DZ);
    CHECK_EQ(D2("fmul.d", D_MAX, D_TWO), D_PINF);
    CHECK_EQ(take_flags(), OF | NX);
    CHECK_EQ(D2RM("fmul.d", "rtz", D_MAX, D_TWO), D_MAX);            /* RTZ overflows to max finite */
    CHECK_EQ(take_flags(), OF | NX);
    CHECK_EQ(D2("fmul.d", D_MINN, D_HALF), 0x0008000000000000UL); /* exact subnormal: no UF */
    CHECK_EQ(take_flags(), 0);
    CHECK_EQ(D2("fmul.d", D_MINN, D_MINN), D_PZERO);
    CHECK_EQ(take_flags(), UF | NX);
    CHECK_EQ(S2("fmul.s", S_MAX, S_MAX), S_PINF);
    D2("fdiv.d", D_ONE, D_THREE);
    D2("fdiv.d", D_ONE, D_PZERO);
    CHECK_EQ(csr_read(fflags), NX | OF | DZ);                  /* accrued */
    CHECK_EQ(csr_read(fcsr) & 0x1f, NX | OF | DZ);
    take_flags();
}

static void check_nan(void)
{
    /* Invalid operations produce the canonical NaN. */
    CHECK_EQ(D2("fdiv.d", D_PZERO, D_PZERO), D_QNAN);
    CHECK_EQ(take_flags(), NV);
    CHECK_EQ(D2("fsub.d", D_PINF, D_PINF), D_QNAN);
    CHECK_EQ(D2("fmul.d", D_PINF, D_PZERO), D_QNAN);
    CHECK_EQ(S2("fdiv.s", S_PZERO, S_PZERO), S_QNAN);
    CHECK_EQ(take_flags(), NV);
    /* NaN inputs do not propagate payloads: result is canonical; sNaN raises NV, qNaN not. */
    CHECK_EQ(D2("fadd.d", 0x7ff800000000abcdUL, D_ONE), D_QNAN);
    CHECK_EQ(take_flags(), 0);
    CHECK_EQ(D2("fadd.d", D_SNAN, D_ONE), D_QNAN);
    CHECK_EQ(take_flags(), NV);
    CHECK_EQ(S2("fmul.s", 0xffc12345UL, S_ONE), S_QNAN);
    /* fcvt between precisions canonicalizes NaNs too. */
    CHECK_EQ(D1("fcvt.d.s", 0), D_QNAN);                       /* unboxed 0.0f reads as NaN */
    {
        uint64_t r;
        __asm__ volatile("fmv.w.x ft0, %1\n\tfcvt.d.s ft1, ft0\n\tfmv.x.d %0, ft1"
                         : "=r"(r) : "r"(S_SNAN) : "ft0", "ft1");
        CHECK_EQ(r, D_QNAN);
        CHECK_EQ(take_flags(), NV);
        __asm__ volatile("fmv.d.x ft0, %1\n\tfcvt.s.d ft1, ft0\n\tfmv.x.w %0, ft1"
                         : "=r"(r) : "r"(0x7ff8000012345678UL) : "ft0", "ft1");
        CHECK_EQ(r & 0xffffffffUL, S_QNAN);
    }
    /* NaN-boxing: fmv.w.x / flw set the upper 32 bits to ones... */
    uint64_t raw;
    __asm__ volatile("fmv.w.x ft0, %1\n\tfmv.x.d %0, ft0" : "=r"(raw) : "r"(S_ONE) : "ft0");
    CHECK_EQ(raw, 0xffffffff00000000UL | S_ONE);
    __asm__ volatile("fmv.w.x ft0, %1\n\tfadd.s ft0, ft0, ft0\n\tfmv.x.d %0, ft0" : "=r"(raw) : "r"(S_ONE) : "ft0");
    CHECK_EQ(raw, 0xffffffff00000000UL | S_TWO);
    /* ... and a single-precision operand that is not properly boxed reads as the canonical NaN. */
    uint64_t r;
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.w.x ft1, %2\n\tfadd.s ft2, ft0, ft1\n\tfmv.x.d %0, ft2"
                     : "=r"(r) : "r"(0x000000003f800000UL), "r"(S_ONE) : "ft0", "ft1", "ft2");
    CHECK_EQ(r, 0xffffffff00000000UL | S_QNAN);
    /* flw boxes like fmv.w.x; fsw stores the low 32 bits whatever the upper ones are. */
    static volatile uint32_t mem32[2];
    mem32[0] = S_THREE;
    __asm__ volatile("flw ft0, 0(%1)\n\tfmv.x.d %0, ft0" : "=r"(raw) : "r"(mem32) : "ft0", "memory");
    CHECK_EQ(raw, 0xffffffff00000000UL | S_THREE);
    __asm__ volatile("fmv.d.x ft0, %0\n\tfsw ft0, 4(%1)" : : "r"(0x12345678cafef00dUL), "r"(mem32) : "ft0", "memory");
    CHECK_EQ(mem32[1], 0xcafef00dUL);
    static volatile uint64_t mem64;
    __asm__ volatile("fmv.d.x ft0, %0\n\tfsd ft0, 0(%1)\n\tfld ft1, 0(%1)\n\tfmv.x.d %0, ft1"
                     : "+r"(raw) : "r"(&mem64) : "ft0", "ft1", "memory");
    CHECK_EQ(mem64, 0xffffffff00000000UL | S_THREE);
    /* fmv.x.w sign-extends the low 32 bits, boxed or not; fsgnj.s of an unboxed value is the
       canonical NaN. */
    __asm__ volatile("fmv.d.x ft0, %1\n\tfmv.x.w %0, ft0" : "=r"(r) : "r"(0x12345678bf800000UL) : "ft0");
    CHECK_EQ(r, 0xffffffffbf800000UL);
    __asm__ volatile("fmv.d.x ft0, %1\n\tfsgnj.s ft1, ft0, ft0\n\tfmv.x.d %0, ft1"
                     : "=r"(r) : "r"(0x12345678bf800000UL) : "ft0", "ft1");
    CHECK_EQ(r, 0xffffffff00000000UL | S_QNAN);
    take_flags();
}

static void check_rounding(void)
{
    /* 1/3 in single: RNE and RUP round up, RDN and RTZ down. Static rm beats frm. */
    CHECK_EQ(S2RM("fdiv.s", "rne", S_ONE, S_THREE), 0x3eaaaaabUL);
    CHECK_EQ(S2RM("fdiv.s", "rup", S_ONE, S_THREE), 0x3eaaaaabUL);
    CHECK_EQ(S2RM("fdiv.s", "rdn", S_ONE, S_THREE), 0x3eaaaaaaUL);
    CHECK_EQ(S2RM("fdiv.s", "rtz", S_ONE, S_THREE), 0x3eaaaaaaUL);
    CHECK_EQ(S2RM("fdiv.s", "rmm", S_ONE, S_THREE), 0x3eaaaaabUL);
    /* Dynamic rounding through frm. */
    csr_write(frm, 2);                                          /* RDN */
    CHECK_EQ(S2("fdiv.s", S_ONE, S_THREE), 0x3eaaaaaaUL);
    CHECK_EQ(S2RM("fdiv.s", "rup", S_ONE, S_THREE), 0x3eaaaaabUL);
    CHECK_EQ(D2("fdiv.d", 0xbff0000000000000UL, D_THREE), 0xbfd5555555555556UL); /* -1/3 down */
    csr_write(frm, 3);                                          /* RUP */
    CHECK_EQ(D2("fdiv.d", D_ONE, D_THREE), 0x3fd5555555555556UL);
    CHECK_EQ(csr_read(fcsr) >> 5, 3);
    csr_write(fcsr, 1 << 5);                                    /* frm via fcsr: RTZ */
    CHECK_EQ(csr_read(frm), 1);
    CHECK_EQ(D2("fdiv.d", D_ONE, D_THREE), 0x3fd5555555555555UL);
    csr_write(frm, 0);
    /* Ties: 2.5 -> integer. */
    uint64_t two_half = 0x4004000000000000UL;
    CHECK_EQ(D_TO_X("fcvt.l.d %0, ft0, rne #", two_half), 2);
    CHECK_EQ(D_TO_X("fcvt.l.d %0, ft0, rmm #", two_half), 3);
    CHECK_EQ(D_TO_X("fcvt.l.d %0, ft0, rup #", two_half), 3);
    CHECK_EQ(D_TO_X("fcvt.l.d %0, ft0, rdn #", 0xc004000000000000UL), (uint64_t)-3);
    CHECK_EQ(D_TO_X("fcvt.l.d %0, ft0, rtz #", 0xc004000000000000UL), (uint64_t)-2);
    take_flags();
    /* Reserved rounding modes: static rm 5/6 and frm 5..7 with rm = DYN are illegal. */
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x0200d053 /* fadd.s ft0, ft1, ft0, rm=5 */,
                __asm__ volatile(".word 0x0200d053" ::: "ft0"));
    csr_write(frm, 5);
    EXPECT_TRAP(CAUSE_ILLEGAL_INSTRUCTION, 0x0200f053 /* fadd.s ft0, ft1, ft0, dyn */,
                __asm__ volatile(".word 0x0200f053" ::: "ft0"));
    /* ... but an instruction that does not round (fsgnj) is fine. */
    __asm__ volatile("fsgnj.d ft0, ft1, ft1" ::: "ft0");
    csr_write(frm, 0);
}

static void check_convert(void)
{
    /* Out-of-range and NaN inputs saturate and raise NV. */
    CHECK_EQ(S_TO_X("fcvt.w.s %0, ft0, rtz #", S_QNAN), 0x7fffffffUL);
    CHECK_EQ(take_flags(), NV);
    CHECK_EQ(S_TO_X("fcvt.w.s %0, ft0, rtz #", S_PINF), 0x7fffffffUL);
    CHECK_EQ(S_TO_X("fcvt.w.s %0, ft0, rtz #", S_NINF), 0xffffffff80000000UL);
    CHECK_EQ(S_TO_X("fcvt.wu.s %0, ft0, rtz #", S_NINF), 0);
    CHECK_EQ(S_TO_X("fcvt.wu.s %0, ft0, rtz #", S_QNAN), 0xffffffffffffffffUL); /* 2^32-1, sign-extended */
    CHECK_EQ(D_TO_X("fcvt.l.d %0, ft0, rtz #", 0x46293e5939a08ceaUL /* 1e30 */), 0x7fffffffffffffffUL);
    CHECK_EQ(D_TO_X("fcvt.l.d %0, ft0, rtz #", D_QNAN), 0x7fffffffffffffffUL);
    CHECK_EQ(D_TO_X("fcvt.lu.d %0, ft0, rtz #", D_QNAN), ~0UL);
    CHECK_EQ(D_TO_X("fcvt.lu.d %0, ft0, rtz #", 0xbff0000000000000UL), 0);           /* -1.0 */
    CHECK_EQ(take_flags(), NV);
    /* -0.5 truncates to 0, which is in range for unsigned: only NX. */
    CHECK_EQ(D_TO_X("fcvt.lu.d %0, ft0, rtz #", 0xbfe0000000000000UL), 0);
    CHECK_EQ(take_flags(), NX);
    /* 32-bit results are sign-extended, unsigned ones included. */
    CHECK_EQ(D_TO_X("fcvt.wu.d %0, ft0, rtz #", 0x41e65a0bc0000000UL /* 3e9 */), 0xffffffffb2d05e00UL);
    CHECK_EQ(D_TO_X("fcvt.w.d %0, ft0, rtz #", 0xc1e0000000000000UL /* -2^31 */), 0xffffffff80000000UL);
    CHECK_EQ(take_flags(), 0);
    CHECK_EQ(D_TO_X("fcvt.w.d %0, ft0, rtz #", 0x41e0000000000000UL /* 2^31 */), 0x7fffffffUL);
    CHECK_EQ(take_flags(), NV);
    /* Integer to FP. */
    CHECK_EQ(X_TO_D("fcvt.d.l", (uint64_t)-1), 0xbff0000000000000UL);
    CHECK_EQ(X_TO_D("fcvt.d.lu", (uint64_t)-1), 0x43f0000000000000UL);    /* 2^64, rounded */
    CHECK_EQ(take_flags(), NX);
    CHECK_EQ(X_TO_D("fcvt.d.w", 0x00000000ffffffffUL), 0xbff0000000000000UL); /* low word = -1 */
    CHECK_EQ(X_TO_D("fcvt.d.wu", 0xffffffffffffffffUL), 0x41efffffffe00000UL);
    CHECK_EQ(X_TO_S("fcvt.s.w", 16777217), 0x4b800000UL);                 /* 2^24+1 rounds to even */
    CHECK_EQ(take_flags(), NX);
    CHECK_EQ(X_TO_S("fcvt.s.lu", 0x8000000000000000UL), 0x5f000000UL);
    /* Double -> single rounding and overflow. */
    uint64_t r;
    __asm__ volatile("fmv.d.x ft0, %1\n\tfcvt.s.d ft1, ft0\n\tfmv.x.w %0, ft1"
                     : "=r"(r) : "r"(D_MAX) : "ft0", "ft1");
    CHECK_EQ(r & 0xffffffffUL, S_PINF);
    CHECK_EQ(take_flags(), OF | NX);
}

static void check_minmax_class_cmp(void)
{
    CHECK_EQ(D2("fmin.d", D_NZERO, D_PZERO), D_NZERO);
    CHECK_EQ(D2("fmin.d", D_PZERO, D_NZERO), D_NZERO);
    CHECK_EQ(D2("fmax.d", D_NZERO, D_PZERO), D_PZERO);
    CHECK_EQ(D2("fmax.d", D_PZERO, D_NZERO), D_PZERO);
    CHECK_EQ(D2("fmin.d", D_QNAN, D_ONE), D_ONE);                 /* one NaN: the other operand */
    CHECK_EQ(D2("fmax.d", D_TWO, 0x7ff8000000000123UL), D_TWO);
    CHECK_EQ(take_flags(), 0);
    CHECK_EQ(D2("fmin.d", D_SNAN, D_ONE), D_ONE);                 /* sNaN: NV */
    CHECK_EQ(take_flags(), NV);
    CHECK_EQ(D2("fmax.d", D_QNAN, 0x7ff8000000000123UL), D_QNAN); /* both NaN: canonical */
    CHECK_EQ(S2("fmin.s", S_NZERO, S_PZERO), S_NZERO);
    CHECK_EQ(S2("fmax.s", S_QNAN, S_NINF), S_NINF);
    CHECK_EQ(S2("fmin.s", S_SNAN, S_SNAN), S_QNAN);
    take_flags();

    /* fclass: one bit per class. */
    CHECK_EQ(D_TO_X("fclass.d", D_NINF), 1 << 0);
    CHECK_EQ(D_TO_X("fclass.d", 0xbff0000000000000UL), 1 << 1);
    CHECK_EQ(D_TO_X("fclass.d", 0x8000000000000001UL), 1 << 2);
    CHECK_EQ(D_TO_X("fclass.d", D_NZERO), 1 << 3);
    CHECK_EQ(D_TO_X("fclass.d", D_PZERO), 1 << 4);
    CHECK_EQ(D_TO_X("fclass.d", D_SUB), 1 << 5);
    CHECK_EQ(D_TO_X("fclass.d", D_ONE), 1 << 6);
    CHECK_EQ(D_TO_X("fclass.d", D_PINF), 1 << 7);
    CHECK_EQ(D_TO_X("fclass.d", D_SNAN), 1 << 8);
    CHECK_EQ(D_TO_X("fclass.d", D_QNAN), 1 << 9);
    CHECK_EQ(S_TO_X("fclass.s", S_NINF), 1 << 0);
    CHECK_EQ(S_TO_X("fclass.s", 0x80000001UL), 1 << 2);
    CHECK_EQ(S_TO_X("fclass.s", S_SNAN), 1 << 8);
    CHECK_EQ(S_TO_X("fclass.s", S_QNAN), 1 << 9);
    {   /* An unboxed single classifies as a quiet NaN. */
        uint64_t r;
        __asm__ volatile("fmv.d.x ft0, %1\n\tfclass.s %0, ft0" : "=r"(r) : "r"(D_ONE) : "ft0");
        CHECK_EQ(r, 1 << 9);
    }
    CHECK_EQ(take_flags(), 0);

    /* Compares: feq is quiet (NV only for sNaN), flt/fle signal on any NaN. */
    CHECK_EQ(D_CMP("feq.d", D_NZERO, D_PZERO), 1);
    CHECK_EQ(D_CMP("flt.d", D_NZERO, D_PZERO), 0);
    CHECK_EQ(D_CMP("fle.d", D_NZERO, D_PZERO), 1);
    CHECK_EQ(D_CMP("feq.d", D_QNAN, D_QNAN), 0);
    CHECK_EQ(take_flags(), 0);
    CHECK_EQ(D_CMP("feq.d", D_SNAN, D_ONE), 0);
    CHECK_EQ(take_flags(), NV);
    CHECK_EQ(D_CMP("flt.d", D_QNAN, D_ONE), 0);
    CHECK_EQ(take_flags(), NV);
    CHECK_EQ(D_CMP("fle.d", D_ONE, D_QNAN), 0);
    CHECK_EQ(take_flags(), NV);

    /* Sign injection never raises flags and works on NaNs. */
    CHECK_EQ(D2("fsgnj.d", D_ONE, D_NZERO), 0xbff0000000000000UL);
    CHECK_EQ(D2("fsgnjn.d", D_ONE, D_NZERO), D_ONE);
    CHECK_EQ(D2("fsgnjx.d", 0xbff0000000000000UL, D_NZERO), D_ONE);
    CHECK_EQ(D2("fsgnjn.d", D_SNAN, D_SNAN), 0xfff0000000000001UL);
    CHECK_EQ(S2("fsgnjx.s", S_NINF, S_NZERO), S_PINF);
    CHECK_EQ(take_flags(), 0);
}

static void check_sqrt_fma(void)
{
    CHECK_EQ(D1("fsqrt.d", 0x4010000000000000UL), D_TWO);        /* sqrt(4) */
    CHECK_EQ(take_flags(), 0);
    CHECK_EQ(D1("fsqrt.d", D_TWO), 0x3ff6a09e667f3bcdUL);
    CHECK_EQ(take_flags(), NX);
    CHECK_EQ(D1("fsqrt.d", D_NZERO), D_NZERO);
    CHECK_EQ(D1("fsqrt.d", 0xbff0000000000000UL), D_QNAN);
    CHECK_EQ(take_flags(), NV);
    CHECK_EQ(S1("fsqrt.s", S_TWO), 0x3fb504f3UL);
    CHECK_EQ(S1("fsqrt.s", S_PINF), S_PINF);
    take_flags();

    /* (1 + 2^-52)(1 - 2^-52) - 1 = -2^-104: exact only with a single rounding. */
    uint64_t a = 0x3ff0000000000001UL, b = 0x3feffffffffffffeUL;
    CHECK_EQ(D3("fmadd.d", a, b, 0xbff0000000000000UL), 0xb970000000000000UL);
    CHECK_EQ(D3("fmsub.d", a, b, D_ONE), 0xb970000000000000UL);
    CHECK_EQ(D3("fnmsub.d", a, b, D_ONE), 0x3970000000000000UL);  /* -(a*b) + c */
    CHECK_EQ(D3("fnmadd.d", a, b, 0xbff0000000000000UL), 0x3970000000000000UL); /* -(a*b) - c */
    CHECK_EQ(S3("fmadd.s", S_TWO, S_THREE, S_ONE), 0x40e00000UL);  /* 7 */
    CHECK_EQ(S3("fnmadd.s", S_TWO, S_THREE, S_ONE), 0xc0e00000UL);
    take_flags();
    /* inf * 0 + qNaN: invalid (the spec requires NV for fma of inf*0 even with a qNaN addend). */
    CHECK_EQ(D3("fmadd.d", D_PINF, D_PZERO, D_QNAN), D_QNAN);
    CHECK_EQ(take_flags(), NV);
}

int main(void)
{
    csr_write(fcsr, 0);
    check_arith();
    check_nan();
    check_rounding();
    check_convert();
    check_minmax_class_cmp();
    check_sqrt_fma();
    /* Any FP write leaves FS Dirty (and SD set). */
    CHECK_EQ(csr_read(mstatus) & (MSTATUS_FS | MSTATUS_SD), MSTATUS_FS | MSTATUS_SD);
    return 0;
}
