package dev.hvscope.core.mmu;

/** The kind of memory access being translated; AMOs and SC count as STORE. */
public enum AccessType {
    FETCH, LOAD, STORE
}
