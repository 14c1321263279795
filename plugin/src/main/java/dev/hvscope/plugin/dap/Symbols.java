package dev.hvscope.plugin.dap;

import dev.hvscope.core.machine.ElfImage;
import dev.hvscope.core.machine.ElfLoader;
import dev.hvscope.core.machine.SymbolLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** The symbols of the ELFs loaded for a session (the hypervisor's, the guest's, ...), looked up in load order. */
final class Symbols {
    private final List<ElfImage> images = new ArrayList<>();

    /** Loads one ELF; throws a bad-arguments error when it cannot be read. */
    void load(Path elf) {
        try {
            images.add(ElfLoader.read(elf));
        } catch (RuntimeException e) {
            throw DapError.badArgs("cannot read ELF " + elf + ": " + e.getMessage());
        }
    }

    List<ElfImage> images() {
        return images;
    }

    /** {@code name+0x10} for an address, or null. */
    String at(long addr) {
        for (ElfImage img : images) {
            Optional<SymbolLocation> s = img.symbolAt(addr);
            if (s.isPresent()) {
                return s.get().toString();
            }
        }
        return null;
    }

    /** The address of a symbol, or empty. */
    OptionalLong address(String name) {
        for (ElfImage img : images) {
            OptionalLong a = img.address(name);
            if (a.isPresent()) {
                return a;
            }
        }
        return OptionalLong.empty();
    }

    /** The symbol that starts exactly at {@code addr}, for objdump's {@code <name>} labels; or null. */
    String startingAt(long addr) {
        String s = at(addr);
        return s != null && !s.contains("+") ? s : null;
    }
}
