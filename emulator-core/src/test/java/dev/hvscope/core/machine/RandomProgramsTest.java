package dev.hvscope.core.machine;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Guest programs that do anything at all: random instruction streams (random CSR writes, page-table
 * switches, device accesses, jumps anywhere) only ever raise architectural traps — the emulator
 * itself never throws.
 */
class RandomProgramsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void randomCode_neverThrowsOutOfTheEmulator(int seed) throws IOException {
        Random random = new Random(seed);
        byte[] image = new byte[64 * 1024];
        // Bias towards valid encodings: half the words are random instructions of real opcodes.
        for (int i = 0; i < image.length; i += 4) {
            int word = random.nextInt();
            if (random.nextBoolean()) {
                int[] majors = {0x03, 0x13, 0x23, 0x33, 0x37, 0x17, 0x63, 0x67, 0x6f, 0x73, 0x2f, 0x1b, 0x3b, 0x07, 0x27, 0x53};
                word = (word & ~0x7f) | majors[random.nextInt(majors.length)];
            }
            image[i] = (byte) word;
            image[i + 1] = (byte) (word >> 8);
            image[i + 2] = (byte) (word >> 16);
            image[i + 3] = (byte) (word >> 24);
        }
        // Prologue: mtvec = image + 0x100, so every trap lands back in random code rather than at 0.
        int[] prologue = {0x00000297, 0x10028293, 0x30529073};
        for (int k = 0; k < prologue.length; k++) {
            for (int b = 0; b < 4; b++) {
                image[4 * k + b] = (byte) (prologue[k] >> (8 * b));
            }
        }
        Path kernel = dir.resolve("random.bin");
        Files.write(kernel, image);
        MachineConfig config = MachineConfig.builder().bios(Bios.NONE).kernel(kernel).serial(SerialMode.STDIO).build();
        assertDoesNotThrow(() -> {
            try (VirtMachine m = VirtMachine.create(config, null, OutputStream.nullOutputStream())) {
                long[] traps = new long[1];
                for (int h = 0; h < m.hartCount(); h++) {
                    m.hart(h).setObserver(new dev.hvscope.core.hart.HartObserver() {
                        @Override
                        public void trapTaken(dev.hvscope.core.hart.Hart hart, long cause, long tval, long tval2,
                                long tinst, long epc, int fromPriv, boolean fromVirt) {
                            traps[0]++;
                        }
                    });
                }
                m.runFor(2_000_000L, 3_000_000_000L);
                // The machine was busy the whole time: executing or trapping, never stuck in Java.
                assertTrue(m.isPoweredOff() || m.instructionsRetired() + traps[0] > 100_000,
                        "retired " + m.instructionsRetired() + ", traps " + traps[0]);
            }
        });
    }
}
