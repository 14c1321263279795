package dev.hvscope.plugin.dap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hvscope.core.machine.ElfImage;
import dev.hvscope.core.machine.ElfLoader;
import dev.hvscope.core.machine.ElfSection;
import dev.hvscope.plugin.dwarf.CrossGcc;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** stepOut's prologue scan on gcc's own prologues: the frame size and where ra went, up to the first call. */
class ReturnAddressScanTest {
    @TempDir
    Path dir;

    /** The bytes of a function from its entry up to (not including) its first call. */
    private static byte[] untilFirstCall(ElfImage img, String fn) {
        long start = img.address(fn).orElseThrow();
        ElfSection text = img.sections().stream().filter(s -> s.name().equals(".text")).findFirst().orElseThrow();
        byte[] code = img.sectionBytes(".text").orElseThrow();
        int off = (int) (start - text.addr());
        int i = off;
        while (true) {
            int lo = (code[i] & 0xff) | (code[i + 1] & 0xff) << 8;
            if ((lo & 3) != 3) {
                if (NextHandler.isCompressedCall(lo)) {
                    break;
                }
                i += 2;
            } else {
                int insn = lo | ((code[i + 2] & 0xff) | (code[i + 3] & 0xff) << 8) << 16;
                if (NextHandler.isCall(insn)) {
                    break;
                }
                i += 4;
            }
        }
        return Arrays.copyOfRange(code, off, i);
    }

    @ParameterizedTest(name = "-O{0}")
    @ValueSource(ints = {0, 2})
    void nonLeafFunction_savesRaAtTheTopOfItsFrame_leafSavesNothing(int opt) throws Exception {
        Assumptions.assumeTrue(CrossGcc.installed(), "riscv64-unknown-elf-gcc is not installed");
        CrossGcc.write(dir, "f.c", String.join("\n",
                "int g(int);",
                "int leaf(int x) { return x * 3; }",
                "int outer(int x) { int a[8]; a[x & 7] = x; int r = g(a[1]); return r + a[x & 3] + g(r); }",
                "int g(int x) { return x + 1; }",
                "void _start(void) { outer(1); leaf(2); for (;;) ; }",
                ""));
        ElfImage img = ElfLoader.read(CrossGcc.build(dir, "f.elf",
                List.of("-O" + opt, "-fno-inline", "-fno-optimize-sibling-calls"), "f.c"));
        ReturnAddress.Prologue p = ReturnAddress.scan(untilFirstCall(img, "outer"));
        // gcc's rv64 frame: ra in the highest slot, just below sp at entry
        assertEquals(-8L, p.raSlot());
        assertEquals(0, -p.spDelta() % 16, "a 16-byte aligned frame");
        assertNull(ReturnAddress.scan(leafBody(img)).raSlot());
    }

    /** leaf's whole body but its final {@code c.jr ra}. */
    private static byte[] leafBody(ElfImage img) {
        long start = img.address("leaf").orElseThrow();
        long size = img.symbols().stream().filter(s -> s.name().equals("leaf")).findFirst().orElseThrow().size();
        ElfSection text = img.sections().stream().filter(s -> s.name().equals(".text")).findFirst().orElseThrow();
        byte[] code = img.sectionBytes(".text").orElseThrow();
        int off = (int) (start - text.addr());
        return Arrays.copyOfRange(code, off, off + (int) size - 2);   // without the final c.jr ra
    }
}
