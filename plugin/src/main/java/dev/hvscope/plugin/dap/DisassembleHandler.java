package dev.hvscope.plugin.dap;

import dev.hvscope.core.isa.Disassembler;
import dev.hvscope.plugin.rspclient.RspException;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.DisassembleArguments;
import org.eclipse.lsp4j.debug.DisassembleResponse;
import org.eclipse.lsp4j.debug.DisassembledInstruction;

/**
 * disassemble: objdump syntax with symbols. RISC-V instructions are 2 or 4 bytes, so a negative
 * instructionOffset is taken as that many 4-byte slots back (an estimate, as there is no way to
 * decode backwards); decoding then runs forward.
 */
final class DisassembleHandler implements RequestHandler<DisassembleArguments, DisassembleResponse> {
    static final int MAX = 10_000;

    @Override
    public DisassembleResponse handle(DisassembleArguments args, DebugSession session) {
        Args.require(args, "disassemble");
        session.rsp();
        int count = args.getInstructionCount();
        if (count < 0 || count > MAX) {
            throw DapError.badArgs("instructionCount must be 0.." + MAX);
        }
        MemoryAccess m = MemoryAccess.parse(session, args.getMemoryReference(), args.getOffset() == null ? 0 : args.getOffset());
        long pc = m.address() + 4L * (args.getInstructionOffset() == null ? 0 : args.getInstructionOffset());
        pc &= ~1L;
        byte[] bytes;
        MemoryAccess from = MemoryAccess.parse(session, Addresses.hex(pc), 0);
        try {
            bytes = from.read(count * 4);
        } catch (RspException e) {
            bytes = new byte[0];
        }
        Symbols symbols = session.symbols();
        Disassembler dis = new Disassembler(symbols::at);
        List<DisassembledInstruction> out = new ArrayList<>();
        int off = 0;
        for (int i = 0; i < count; i++) {
            DisassembledInstruction d = new DisassembledInstruction();
            d.setAddress(Addresses.hex(pc));
            String sym = symbols.startingAt(pc);
            if (sym != null) {
                d.setSymbol(sym);
            }
            if (off + 2 > bytes.length) {
                d.setInstruction("<unreadable>");
                pc += 2;
                off += 2;
                out.add(d);
                continue;
            }
            int lo = (bytes[off] & 0xff) | (bytes[off + 1] & 0xff) << 8;
            boolean compressed = (lo & 3) != 3;
            int len = compressed ? 2 : 4;
            if (off + len > bytes.length) {
                d.setInstruction("<unreadable>");
            } else {
                int insn = compressed ? lo : lo | ((bytes[off + 2] & 0xff) | (bytes[off + 3] & 0xff) << 8) << 16;
                d.setInstructionBytes(compressed ? String.format("%04x", insn) : String.format("%08x", insn));
                d.setInstruction(dis.print(insn, compressed, pc));
            }
            pc += len;
            off += len;
            out.add(d);
        }
        DisassembleResponse r = new DisassembleResponse();
        r.setInstructions(out.toArray(new DisassembledInstruction[0]));
        return r;
    }
}
