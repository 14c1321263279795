package dev.hvscope.plugin.dap;

import java.util.Optional;
import java.util.OptionalLong;
import org.eclipse.lsp4j.debug.DataBreakpointAccessType;
import org.eclipse.lsp4j.debug.DataBreakpointInfoArguments;
import org.eclipse.lsp4j.debug.DataBreakpointInfoResponse;

/**
 * dataBreakpointInfo: a DWARF global ({@code exit_count}, {@code guest.x[10]}: its storage, its
 * type's size up to 8 bytes) or an address ({@code 0x...}, another symbol, or {@code *expr})
 * becomes the data id {@code ADDR/LEN} (8 bytes unless {@code bytes} or the type says otherwise).
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
        int typed = 8;
        try {
            Optional<GlobalExpression.Storage> g = name.startsWith("*") ? Optional.empty()
                    : GlobalExpression.storage(session, name);
            if (g.isPresent()) {
                addr = g.get().address();
                typed = (int) Math.max(1, Math.min(8, g.get().size()));
            } else if (name.startsWith("*")) {
                addr = Expressions.evaluate(session, name.substring(1));
            } else {
                OptionalLong sym = session.symbols().address(name);
                addr = sym.isPresent() ? sym.getAsLong() : Expressions.evaluate(session, name);
            }
        } catch (RuntimeException e) {
            r.setDescription("no address for '" + name + "': " + e.getMessage());
            return r;
        }
        int len = args.getBytes() != null && args.getBytes() > 0 ? args.getBytes() : typed;
        r.setDataId(Addresses.hex(addr) + "/" + len);
        r.setDescription(len + " bytes at " + Addresses.hex(addr));
        r.setAccessTypes(new DataBreakpointAccessType[] {DataBreakpointAccessType.WRITE, DataBreakpointAccessType.READ,
            DataBreakpointAccessType.READ_WRITE});
        r.setCanPersist(true);
        return r;
    }
}
