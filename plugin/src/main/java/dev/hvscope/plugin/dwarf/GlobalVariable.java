package dev.hvscope.plugin.dwarf;

/** A variable defined at file scope with a fixed address (DW_OP_addr), external or static. */
public record GlobalVariable(String name, long address, DwarfType type, boolean external) {
}
