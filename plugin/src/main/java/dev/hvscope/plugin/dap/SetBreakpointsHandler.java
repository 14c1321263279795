package dev.hvscope.plugin.dap;

import dev.hvscope.plugin.rspclient.BreakpointKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.debug.Breakpoint;
import org.eclipse.lsp4j.debug.SetBreakpointsArguments;
import org.eclipse.lsp4j.debug.SetBreakpointsResponse;
import org.eclipse.lsp4j.debug.Source;
import org.eclipse.lsp4j.debug.SourceBreakpoint;

/**
 * setBreakpoints (source lines), through the DWARF line tables of the loaded ELFs
 * ({@link SourceLines#resolve}): each line becomes code breakpoints at the addresses where it (or
 * the next line with code) starts, one per function holding it, with its condition, hit
 * condition, log message and pflash mode; a line no ELF has stays unverified with the reason.
 */
final class SetBreakpointsHandler implements RequestHandler<SetBreakpointsArguments, SetBreakpointsResponse> {
    @Override
    public SetBreakpointsResponse handle(SetBreakpointsArguments args, DebugSession session) {
        Args.require(args, "setBreakpoints");
        Source source = args.getSource();
        if (source == null) {
            throw DapError.badArgs("setBreakpoints needs source");
        }
        Path file = source.getPath() == null || source.getPath().isBlank() ? null : Path.of(source.getPath());
        if (file == null && source.getName() != null && !source.getName().isBlank()) {
            file = Path.of(source.getName());
        }
        SourceBreakpoint[] bps = args.getBreakpoints() == null ? new SourceBreakpoint[0] : args.getBreakpoints();
        List<BreakpointTable.Entry> entries = new ArrayList<>();
        List<List<BreakpointTable.Entry>> perRequest = new ArrayList<>();
        List<SourceLines.Target> firsts = new ArrayList<>();
        for (SourceBreakpoint sb : bps) {
            HitCondition.check(sb.getHitCondition());
            BreakpointModes.pflashMode(sb.getMode());
            int id = session.breakpoints().newId();
            List<SourceLines.Target> targets = file == null ? List.of() : session.sourceLines().resolve(file, sb.getLine());
            List<BreakpointTable.Entry> mine = new ArrayList<>();
            if (targets.isEmpty()) {
                BreakpointTable.Entry e = entry(id, -1, sb);
                e.verified = false;
                e.message = unresolved(session, file, sb.getLine());
                mine.add(e);
            }
            for (SourceLines.Target t : targets) {
                BreakpointTable.Entry e = entry(id, t.address(), sb);
                if (!mine.isEmpty()) {
                    e.hits = mine.get(0).hits;   // hit conditions count the breakpoint, not each address
                }
                mine.add(e);
                session.sourceLines().rememberSpace(id, t.address(), t.space());
            }
            entries.addAll(mine);
            perRequest.add(mine);
            firsts.add(targets.isEmpty() ? null : targets.get(0));
        }
        BreakpointResults.apply(session, BreakpointTable.Source.LINE, sourceKey(source, file), entries);
        Breakpoint[] out = new Breakpoint[bps.length];
        for (int i = 0; i < bps.length; i++) {
            List<BreakpointTable.Entry> mine = perRequest.get(i);
            Breakpoint b = BreakpointResults.of(session, mine.subList(0, 1))[0];
            SourceLines.Target t = firsts.get(i);
            if (t != null) {
                // verified when any of its addresses is planted
                for (BreakpointTable.Entry e : mine) {
                    if (e.verified) {
                        b.setVerified(true);
                        b.setMessage(null);
                    }
                }
                b.setLine(t.line());
                Source s = new Source();
                s.setName(t.file().getFileName().toString());
                s.setPath(t.file().toString());
                b.setSource(s);
                if (t.line() != bps[i].getLine() && b.getMessage() == null) {
                    b.setMessage("moved from line " + bps[i].getLine() + ", which has no code");
                }
            } else {
                b.setLine(bps[i].getLine());
                b.setSource(source);
            }
            out[i] = b;
        }
        SetBreakpointsResponse r = new SetBreakpointsResponse();
        r.setBreakpoints(out);
        return r;
    }

    /** The file a request's line breakpoints belong to (a request replaces only that file's). */
    private static String sourceKey(Source source, Path file) {
        if (file != null) {
            return file.toAbsolutePath().normalize().toString();
        }
        return "sourceReference:" + source.getSourceReference();
    }

    private static BreakpointTable.Entry entry(int id, long addr, SourceBreakpoint sb) {
        return new BreakpointTable.Entry(id, BreakpointTable.Source.LINE, addr, 4, BreakpointKind.SOFTWARE,
                sb.getCondition(), sb.getHitCondition(), sb.getLogMessage(), sb.getMode());
    }

    private static String unresolved(DebugSession session, Path file, int line) {
        if (file == null) {
            return "the source has no path";
        }
        if (session.sourceLines().loaded().isEmpty()) {
            return "no ELF loaded: give 'elf' in launch or attach to break on source lines";
        }
        boolean known = session.sourceLines().loaded().stream().anyMatch(l -> l.lines().matchFile(file).isPresent());
        return known ? "no code at or after line " + line + " of " + file.getFileName() + " in the loaded ELFs"
                : "no loaded ELF has line information for " + file.getFileName();
    }
}
