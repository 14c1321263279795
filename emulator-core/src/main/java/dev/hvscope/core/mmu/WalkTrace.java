package dev.hvscope.core.mmu;

/** Per level of each stage: table address, index, PTE. Filled by debug walks for the views. */
public final class WalkTrace {
}
