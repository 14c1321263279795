package dev.hvscope.plugin.dwarf;

/**
 * A parameter or local variable of a {@link CodeScope}: where it lives is {@code location}
 * (null when DWARF gives none), or it is the constant {@code constValue} (DW_AT_const_value).
 */
public record LocalVariable(String name, DwarfType type, boolean parameter, Location location, Long constValue) {
}
