package dev.hvscope.plugin.dwarf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hvscope.core.machine.ElfImage;
import dev.hvscope.core.machine.ElfLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The committed example ELFs (gcc 12, -O2 -g): every unit reads, every global is where the symbol table says. */
class DebugInfoExamplesTest {
    private static final Path EXAMPLES =
            Path.of(System.getProperty("hvscope.examples", "../examples")).toAbsolutePath().normalize();

    @Test
    void everyExampleElf_readsWithoutErrors_andItsGlobalsMatchTheSymbolTable() throws Exception {
        List<Path> elfs;
        try (Stream<Path> s = Files.walk(EXAMPLES, 2)) {
            elfs = s.filter(p -> p.toString().endsWith(".elf")).sorted().toList();
        }
        assertTrue(elfs.size() >= 5, elfs.toString());
        int checked = 0;
        for (Path p : elfs) {
            ElfImage elf = ElfLoader.read(p);
            if (elf.sectionBytes(".debug_info").isEmpty()) {
                continue;
            }
            DebugInfo info = DebugInfo.read(elf);
            assertTrue(info.errors().isEmpty(), p + ": " + info.errors());
            for (GlobalVariable g : info.globals()) {
                if (elf.address(g.name()).isPresent()) {
                    assertEquals(elf.address(g.name()).getAsLong(), g.address(), p + " " + g.name());
                    checked++;
                }
            }
        }
        assertTrue(checked > 10, "globals checked: " + checked);
        DebugInfo hv = DebugInfo.read(ElfLoader.read(EXAMPLES.resolve("hv-baremetal/hv-passthrough.elf")));
        GlobalVariable tables = hv.global("gstage_tables").orElseThrow();
        assertEquals("uint64_t [16][512]", tables.type().displayName());
        assertEquals(16 * 512 * 8, tables.type().size());
        assertEquals("struct guest_ctx", hv.global("guest").orElseThrow().type().displayName());
        assertEquals(33 * 8, hv.global("guest").orElseThrow().type().size());
    }
}
