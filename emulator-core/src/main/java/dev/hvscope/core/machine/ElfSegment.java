package dev.hvscope.core.machine;

/**
 * A PT_LOAD program header. hvscope loads at {@code paddr}, as QEMU does; the bytes between
 * {@code filesz} and {@code memsz} (bss) are zero-filled.
 *
 * @param fileOffset p_offset: where the initialised bytes start in the file
 * @param flags      p_flags (PF_X = 1, PF_W = 2, PF_R = 4)
 */
public record ElfSegment(long paddr, long vaddr, long fileOffset, long filesz, long memsz, int flags) {
    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;

    /** First physical address past the segment. */
    public long paddrEnd() {
        return paddr + memsz;
    }
}
