package dev.hvscope.core.machine;

/**
 * One entry of an ELF {@code .symtab}.
 *
 * @param type the STT_* value of st_info (low four bits)
 * @param bind the STB_* value of st_info (high four bits)
 */
public record ElfSymbol(String name, long value, long size, int type, int bind) {
    public static final int STT_NOTYPE = 0;
    public static final int STT_OBJECT = 1;
    public static final int STT_FUNC = 2;
    public static final int STT_SECTION = 3;
    public static final int STT_FILE = 4;
    public static final int STB_LOCAL = 0;
    public static final int STB_GLOBAL = 1;
    public static final int STB_WEAK = 2;

    public boolean isFunction() {
        return type == STT_FUNC;
    }

    /** Whether addr lies in [value, value + size); a zero-size symbol covers only its own address. */
    public boolean covers(long addr) {
        return Long.compareUnsigned(addr - value, Math.max(size, 1)) < 0;
    }
}
