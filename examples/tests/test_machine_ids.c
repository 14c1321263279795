/* mvendorid, marchid and mimpid read as on QEMU 7.2's default rv64 CPU (the recorded output is
   QEMU's), and the ID CSRs are read-only: a write traps as an illegal instruction. */
#include "test.h"

int main(void)
{
    test_note_hex("mvendorid", csr_read(mvendorid));
    test_note_hex("marchid", csr_read(marchid));
    test_note_hex("mimpid", csr_read(mimpid));
    test_note_hex("mhartid", csr_read(mhartid));
    EXPECT_TRAP(2, 0xf1201073, __asm__ volatile("csrw marchid, zero"));
    return 0;
}
