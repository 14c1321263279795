package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspException;
import java.util.Base64;
import org.eclipse.lsp4j.debug.ReadMemoryArguments;
import org.eclipse.lsp4j.debug.ReadMemoryResponse;

/** readMemory: base64 bytes; a shorter read marks the rest unreadable. */
final class ReadMemoryHandler implements RequestHandler<ReadMemoryArguments, ReadMemoryResponse> {
    static final int MAX = 1 << 20;

    @Override
    public ReadMemoryResponse handle(ReadMemoryArguments args, DebugSession session) {
        Args.require(args, "readMemory");
        session.rsp();
        if (args.getCount() < 0 || args.getCount() > MAX) {
            throw DapError.badArgs("count must be 0.." + MAX);
        }
        MemoryAccess m = MemoryAccess.parse(session, args.getMemoryReference(), args.getOffset() == null ? 0 : args.getOffset());
        byte[] data;
        try {
            data = m.read(args.getCount());
        } catch (RspException e) {
            data = new byte[0];
        }
        ReadMemoryResponse r = new ReadMemoryResponse();
        r.setAddress(Addresses.hex(m.address()));
        r.setData(Base64.getEncoder().encodeToString(data));
        if (data.length < args.getCount()) {
            r.setUnreadableBytes(args.getCount() - data.length);
        }
        return r;
    }
}
