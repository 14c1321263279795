package dev.hvscope.core.hart;

/** TEMPORARY until the fp branch lands. */
final class RvFd {
    private RvFd() {
    }

    static void flw(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsw(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fld(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsd(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmaddS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmsubS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fnmsubS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fnmaddS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void faddS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsubS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmulS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fdivS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsqrtS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsgnjS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsgnjnS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsgnjxS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fminS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmaxS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fleS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fltS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void feqS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtWS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtSW(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtWuS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtSWu(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtLS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtSL(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtLuS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtSLu(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fclassS(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmaddD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmsubD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fnmsubD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fnmaddD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void faddD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsubD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmulD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fdivD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsqrtD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsgnjD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsgnjnD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fsgnjxD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fminD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmaxD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fleD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fltD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void feqD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtWD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtDW(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtWuD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtDWu(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtLD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtDL(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtLuD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtDLu(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fclassD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmvXW(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmvWX(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmvXD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fmvDX(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtSD(Hart h, int i) {
        throw h.illegalInstruction();
    }

    static void fcvtDS(Hart h, int i) {
        throw h.illegalInstruction();
    }
}
