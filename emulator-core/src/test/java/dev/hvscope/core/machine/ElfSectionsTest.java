package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Section headers by name, for the debug readers: on a real gcc-built ELF, and with a broken header. */
class ElfSectionsTest {
    private static final Path GUEST = Path.of(System.getProperty("hvscope.examples", "../examples"))
            .resolve("pflash-guest/pflash-guest.elf").toAbsolutePath().normalize();

    @Test
    void sectionBytes_givesTheDebugSectionsOfAGccElf() throws Exception {
        byte[] file = Files.readAllBytes(GUEST);
        ElfImage img = ElfLoader.parse("guest", file);
        ElfSection line = img.sections().stream().filter(s -> s.name().equals(".debug_line")).findFirst().orElseThrow();
        byte[] bytes = img.sectionBytes(".debug_line").orElseThrow();
        assertEquals(line.size(), bytes.length);
        assertArrayEquals(Arrays.copyOfRange(file, (int) line.offset(), (int) (line.offset() + line.size())), bytes);
        assertTrue(img.sectionBytes(".debug_line_str").isPresent());
        assertEquals(0x8020_0000L, img.sections().stream().filter(s -> s.name().equals(".text")).findFirst()
                .orElseThrow().addr());
        assertTrue(img.sectionBytes(".no_such").isEmpty());
        assertTrue(img.sectionBytes(".bss").isEmpty(), "SHT_NOBITS holds no file bytes");
    }

    @Test
    void sectionOutsideTheFile_isLeftOut_theImageStillLoads() throws Exception {
        byte[] file = Files.readAllBytes(GUEST);
        ElfImage img = ElfLoader.parse("guest", file);
        int index = img.sections().indexOf(img.sections().stream().filter(s -> s.name().equals(".debug_line"))
                .findFirst().orElseThrow());
        long shoff = TestElfBytes.u64(file, 40);
        TestElf.putU64(file, (int) shoff + index * ElfLoader.SHDR_SIZE + 24, 0x7fff_ffff_0000L); // sh_offset
        ElfImage broken = ElfLoader.parse("guest", file);
        assertTrue(broken.sectionBytes(".debug_line").isEmpty());
        assertTrue(broken.sectionBytes(".debug_line_str").isPresent());
        assertEquals(img.entry(), broken.entry());
    }

    /** Little-endian reads for the test. */
    private static final class TestElfBytes {
        static long u64(byte[] b, int off) {
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = v << 8 | (b[off + i] & 0xff);
            }
            return v;
        }
    }
}
