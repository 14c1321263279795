package dev.hvscope.core.machine;

/** An address described as a symbol plus an offset, printed as gdb does: {@code main+0x1c}. */
public record SymbolLocation(String name, long offset) {
    @Override
    public String toString() {
        return offset == 0 ? name : name + "+0x" + Long.toHexString(offset);
    }
}
