package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.RspException;
import java.util.Base64;
import org.eclipse.lsp4j.debug.WriteMemoryArguments;
import org.eclipse.lsp4j.debug.WriteMemoryResponse;

/** writeMemory: base64 bytes at a memory reference. */
final class WriteMemoryHandler implements RequestHandler<WriteMemoryArguments, WriteMemoryResponse> {
    @Override
    public WriteMemoryResponse handle(WriteMemoryArguments args, DebugSession session) {
        Args.require(args, "writeMemory");
        session.rsp();
        byte[] data;
        try {
            data = Base64.getDecoder().decode(args.getData() == null ? "" : args.getData());
        } catch (IllegalArgumentException e) {
            throw DapError.badArgs("data is not base64");
        }
        MemoryAccess m = MemoryAccess.parse(session, args.getMemoryReference(), args.getOffset() == null ? 0 : args.getOffset());
        try {
            m.write(data);
        } catch (RspException e) {
            throw DapError.failed("cannot write " + data.length + " bytes at " + Addresses.hex(m.address()) + ": " + e.getMessage());
        }
        WriteMemoryResponse r = new WriteMemoryResponse();
        r.setBytesWritten(data.length);
        return r;
    }
}
