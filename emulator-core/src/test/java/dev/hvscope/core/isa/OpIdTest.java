package dev.hvscope.core.isa;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

class OpIdTest {
    @Test
    void everyConstant_equalsTheOrdinalOfTheSameNamedOpcode() throws Exception {
        int seen = 0;
        for (Field f : OpId.class.getFields()) {
            assertEquals(Opcode.valueOf(f.getName()).ordinal(), f.getInt(null), f.getName());
            seen++;
        }
        assertEquals(Opcode.count(), seen, "one constant per opcode");
    }
}
