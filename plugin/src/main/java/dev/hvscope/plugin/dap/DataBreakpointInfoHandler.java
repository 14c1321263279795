package dev.hvscope.plugin.dap;

import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;

/**
 * dataBreakpointInfo: an address ({@code 0x...}, a symbol, or {@code *expr}) becomes the data id
 * {@code ADDR/LEN} (8 bytes unless {@code bytes} says otherwise).
 */
final class DataBreakpointInfoHandler implements RequestHandler<DataBreakpointInfoArguments, DataBreakpointInfoResponse> {
    @Override
    public DataBreakpointInfoResponse handle(DataBreakpointInfoArguments args, DebugSession session) {
        Args.require(args, "dataBreakpointInfo");
        if (args.getName() == null) {
            throw DapError.badArgs("dataBreakpointInfo needs name");
        }
        DataBreakpointInfoResponse r = new DataBreakpointInfoResponse();
        String name = args.getName().trim();
        long addr;
        try {
            addr = name.startsWith("*") ? Expressions.evaluate(session, name.substring(1)) : Expressions.evaluate(session, name);
        } catch (RuntimeException e) {
            r.setDescription("no address for '" + name + "': " + e.getMessage());
            return r;
        }
        int len = args.getBytes() != null && args.getBytes() > 0 ? args.getBytes() : 8;
        r.setDataId(Addresses.hex(addr) + "/" + len);
        r.setDescription(len + " bytes at " + Addresses.hex(addr));
        r.setAccessTypes(new DataBreakpointAccessType[] {DataBreakpointAccessType.WRITE, DataBreakpointAccessType.READ,
            DataBreakpointAccessType.READ_WRITE});
        r.setCanPersist(true);
        return r;
    }
}
