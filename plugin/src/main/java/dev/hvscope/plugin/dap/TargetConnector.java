package dev.hvscope.plugin.dap;

import dev.hvscope.core.machine.ElfImage;
import dev.hvscope.plugin.dwarf.LineTable;
import dev.hvscope.plugin.rspclient.RspClient;
import dev.hvscope.plugin.rspclient.RspException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.lsp4j.debug.OutputEventArgumentsCategory;

/** What launch, attach and restart share: load the ELFs, connect (with retries while a launched stub starts), adopt. */
final class TargetConnector {
    private TargetConnector() {
    }

    /** The {@code elf} argument ({@link ElfArgs}): symbols, and line tables read against {@code sourceRoot}. */
    static void loadElfs(DebugSession session, Map<String, Object> args) {
        String root = Args.string(args, "sourceRoot", null);
        session.sourceLines().clear();
        for (ElfArgs.Elf elf : ElfArgs.parse(args)) {
            session.symbols().load(Path.of(elf.path()));
            List<ElfImage> images = session.symbols().images();
            ElfImage image = images.get(images.size() - 1);
            LineTable lines = LineTable.read(image, root == null ? null : Path.of(root));
            for (String problem : lines.errors()) {
                session.output(OutputEventArgumentsCategory.CONSOLE, "line table: " + problem + "\n");
            }
            session.sourceLines().add(image, elf.space(), lines);
        }
    }

    /** Connects to the stub, retrying until {@code timeoutMillis} (a launched stub needs a moment). */
    static void connect(DebugSession session, StubAddress at, long timeoutMillis, DebuggeeProcess process) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        RspException last = null;
        while (true) {
            try {
                RspClient client = at.connect();
                session.attached(client);
                session.output(OutputEventArgumentsCategory.CONSOLE,
                        "connected to the RSP stub at " + at + "\n");
                return;
            } catch (RspException e) {
                last = e;
            }
            if (System.currentTimeMillis() > deadline || (process != null && !process.alive())) {
                throw DapError.failed(last.getMessage());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw DapError.failed("interrupted");
            }
        }
    }
}
