package dev.hvscope.core.machine;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Runs a program on an hvscope virt machine with a captured console. */
final class GuestRun {
    record Result(String output, int exitStatus, boolean poweredOff, long instructions) {
    }

    private GuestRun() {
    }

    static Path examples() {
        return Path.of(System.getProperty("hvscope.examples", "../examples")).toAbsolutePath().normalize();
    }

    static Result run(MachineConfig config, long instructionLimit) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (VirtMachine m = VirtMachine.create(config, null, out)) {
            boolean off = m.runFor(instructionLimit);
            return new Result(out.toString(StandardCharsets.ISO_8859_1), m.exitStatus(), off,
                    m.instructionsRetired());
        }
    }

    static Result bareMetal(Path elf, long instructionLimit) {
        return run(MachineConfig.builder().bios(Bios.NONE).kernel(elf).serial(SerialMode.STDIO).build(),
                instructionLimit);
    }
}
