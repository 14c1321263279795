package dev.hvscope.plugin.dwarf;

/** A malformed or unsupported DWARF section or unit; the message says where and what. */
public final class DwarfException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DwarfException(String message) {
        super(message);
    }
}
