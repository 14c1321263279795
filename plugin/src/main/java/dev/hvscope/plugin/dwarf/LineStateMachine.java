package dev.hvscope.plugin.dwarf;

import java.util.List;

/**
 * Runs one line number program (DWARF 5 section 6.2.5): the state machine registers, the special,
 * standard and extended opcodes, appending a {@link LineRow} each time a row is emitted.
 */
final class LineStateMachine {
    // standard opcodes
    private static final int DW_LNS_COPY = 1;
    private static final int DW_LNS_ADVANCE_PC = 2;
    private static final int DW_LNS_ADVANCE_LINE = 3;
    private static final int DW_LNS_SET_FILE = 4;
    private static final int DW_LNS_SET_COLUMN = 5;
    private static final int DW_LNS_NEGATE_STMT = 6;
    private static final int DW_LNS_SET_BASIC_BLOCK = 7;
    private static final int DW_LNS_CONST_ADD_PC = 8;
    private static final int DW_LNS_FIXED_ADVANCE_PC = 9;
    private static final int DW_LNS_SET_PROLOGUE_END = 10;
    private static final int DW_LNS_SET_EPILOGUE_BEGIN = 11;
    private static final int DW_LNS_SET_ISA = 12;
    // extended opcodes
    private static final int DW_LNE_END_SEQUENCE = 1;
    private static final int DW_LNE_SET_ADDRESS = 2;
    private static final int DW_LNE_DEFINE_FILE = 3;
    private static final int DW_LNE_SET_DISCRIMINATOR = 4;

    private final LineProgramHeader h;
    private final FileNames names;
    private int sequence;

    // the registers
    private long address;
    private int opIndex;
    private long file;
    private long line;
    private long column;
    private boolean isStmt;
    private long discriminator;

    LineStateMachine(LineProgramHeader header, FileNames names, int firstSequence) {
        this.h = header;
        this.names = names;
        this.sequence = firstSequence;
        reset();
    }

    /** The sequence number the next program's first sequence should take. */
    int nextSequence() {
        return sequence;
    }

    private void reset() {
        address = 0;
        opIndex = 0;
        file = 1;
        line = 1;
        column = 0;
        isStmt = h.defaultIsStmt;
        discriminator = 0;
    }

    /** Runs the opcodes until the end of {@code program}. */
    void run(DwarfReader program, List<LineRow> out) {
        while (!program.atEnd()) {
            int op = program.u8();
            if (op >= h.opcodeBase) {
                int adjusted = op - h.opcodeBase;
                advance(adjusted / h.lineRange);
                line += h.lineBase + adjusted % h.lineRange;
                emit(out, false);
                discriminator = 0;
                continue;
            }
            switch (op) {
                case 0:
                    extended(program, out);
                    break;
                case DW_LNS_COPY:
                    emit(out, false);
                    discriminator = 0;
                    break;
                case DW_LNS_ADVANCE_PC:
                    advance(program.uleb());
                    break;
                case DW_LNS_ADVANCE_LINE:
                    line += program.sleb();
                    break;
                case DW_LNS_SET_FILE:
                    file = program.uleb();
                    break;
                case DW_LNS_SET_COLUMN:
                    column = program.uleb();
                    break;
                case DW_LNS_NEGATE_STMT:
                    isStmt = !isStmt;
                    break;
                case DW_LNS_SET_BASIC_BLOCK:
                case DW_LNS_SET_PROLOGUE_END:
                case DW_LNS_SET_EPILOGUE_BEGIN:
                    break;
                case DW_LNS_CONST_ADD_PC:
                    advance((255 - h.opcodeBase) / h.lineRange);
                    break;
                case DW_LNS_FIXED_ADVANCE_PC:
                    address += program.u16();
                    opIndex = 0;
                    break;
                case DW_LNS_SET_ISA:
                    program.uleb();
                    break;
                default:
                    // an opcode this reader does not know: the header says how many ULEB operands to skip
                    for (int i = 0; i < h.standardOpcodeLengths[op - 1]; i++) {
                        program.uleb();
                    }
            }
        }
    }

    private void extended(DwarfReader program, List<LineRow> out) {
        long len = program.uleb();
        if (len == 0) {
            throw program.error("extended opcode of length 0 at 0x" + Integer.toHexString(program.position()));
        }
        DwarfReader op = program.slice(len);
        int code = op.u8();
        switch (code) {
            case DW_LNE_END_SEQUENCE:
                emit(out, true);
                sequence++;
                reset();
                break;
            case DW_LNE_SET_ADDRESS:
                address = op.unsigned((int) (len - 1));
                opIndex = 0;
                break;
            case DW_LNE_DEFINE_FILE:
                names.define(op.cstring(), op.uleb());
                break;
            case DW_LNE_SET_DISCRIMINATOR:
                discriminator = op.uleb();
                break;
            default:
                break; // vendor extension: its length was skipped with the slice
        }
    }

    /** "operation advance" (DWARF 5 section 6.2.5.1), for VLIW as for everyone else. */
    private void advance(long operationAdvance) {
        int maxOps = h.maximumOperationsPerInstruction;
        if (maxOps == 1) {
            address += h.minimumInstructionLength * operationAdvance;
        } else {
            address += h.minimumInstructionLength * ((opIndex + operationAdvance) / maxOps);
            opIndex = (int) ((opIndex + operationAdvance) % maxOps);
        }
    }

    private void emit(List<LineRow> out, boolean end) {
        out.add(new LineRow(address, opIndex, names.path(file), (int) line, (int) column, isStmt, end, discriminator,
                sequence));
    }
}
