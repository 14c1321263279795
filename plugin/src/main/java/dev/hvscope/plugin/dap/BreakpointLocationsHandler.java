package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.dwarf.LineTable;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.lsp4j.debug.BreakpointLocation;
import org.eclipse.lsp4j.debug.BreakpointLocationsArguments;
import org.eclipse.lsp4j.debug.BreakpointLocationsResponse;

/** breakpointLocations: the lines of a source range that have statements in any loaded ELF's line table. */
final class BreakpointLocationsHandler implements RequestHandler<BreakpointLocationsArguments, BreakpointLocationsResponse> {
    @Override
    public BreakpointLocationsResponse handle(BreakpointLocationsArguments args, DebugSession session) {
        Args.require(args, "breakpointLocations");
        if (args.getSource() == null || args.getSource().getPath() == null) {
            throw DapError.badArgs("breakpointLocations needs source.path");
        }
        Path file = Path.of(args.getSource().getPath());
        int from = args.getLine();
        int to = args.getEndLine() == null ? from : args.getEndLine();
        TreeSet<Integer> lines = new TreeSet<>();
        for (SourceLines.Loaded l : session.sourceLines().loaded()) {
            LineTable t = l.lines();
            lines.addAll(t.linesWithCode(file, from, to));
        }
        List<Integer> sorted = List.copyOf(lines);
        BreakpointLocation[] out = new BreakpointLocation[sorted.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = new BreakpointLocation();
            out[i].setLine(sorted.get(i));
        }
        BreakpointLocationsResponse r = new BreakpointLocationsResponse();
        r.setBreakpoints(out);
        return r;
    }
}
