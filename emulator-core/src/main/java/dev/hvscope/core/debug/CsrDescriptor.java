package dev.hvscope.core.debug;

/** One CSR a target implements: number, name, and whether it belongs to the H extension. */
public record CsrDescriptor(int number, String name, boolean hypervisor) {
}
