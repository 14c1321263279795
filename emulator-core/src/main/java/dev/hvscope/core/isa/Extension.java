package dev.hvscope.core.isa;

/** The ISA extension an instruction belongs to. */
public enum Extension {
    I, M, A, F, D, ZICSR, ZIFENCEI, PRIV, H, ZBA, ZBB, ZBC, ZBS
}
