package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspException;
import org.eclipse.lsp4j.debug.NextArguments;

/**
 * next: by line ({@link LineStep}) unless the granularity is {@code instruction} or the pc has no
 * line; by instruction, one instruction, but a call ({@code jal}/{@code jalr} linking into ra, or
 * {@code c.jalr}) runs to its return address, as gdb's {@code nexti} does.
 */
final class NextHandler implements RequestHandler<NextArguments, Void> {
    private static final int OP_JAL = 0x6f;
    private static final int OP_JALR = 0x67;
    private static final int RA = 1;

    @Override
    public Void handle(NextArguments args, DebugSession session) {
        if (args == null) {
            throw DapError.badArgs("next needs threadId");
        }
        long tid = Frames.thread(session, args.getThreadId());
        if (StepGranularity.byLine(args.getGranularity()) && session.stepLines(tid, LineStep.Kind.OVER)) {
            return null;
        }
        long pc = session.pc(tid);
        int len = callLength(session, pc);
        if (len == 0) {
            session.resume(tid, true);
        } else {
            session.runTo(tid, pc + len);
        }
        return null;
    }

    /** The length of the call instruction at pc, or 0 when it is not a call (or unreadable). */
    static int callLength(DebugSession session, long pc) {
        byte[] b;
        try {
            b = session.virtualMemory().read(pc, 4);
        } catch (RspException e) {
            return 0;
        }
        if (b.length < 2) {
            return 0;
        }
        int lo = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        if ((lo & 3) != 3) {
            return isCompressedCall(lo) ? 2 : 0;
        }
        if (b.length < 4) {
            return 0;
        }
        int insn = lo | ((b[2] & 0xff) | (b[3] & 0xff) << 8) << 16;
        return isCall(insn) ? 4 : 0;
    }

    static boolean isCall(int insn) {
        int opcode = insn & 0x7f;
        int rd = (insn >>> 7) & 31;
        return (opcode == OP_JAL || opcode == OP_JALR) && rd == RA;
    }

    /** c.jalr rs1 (funct4 1001, rs2 0, rs1 != 0): links into ra. */
    static boolean isCompressedCall(int c) {
        return (c & 0xf07f) == 0x9002 && ((c >>> 7) & 31) != 0;
    }
}
