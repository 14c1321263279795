package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.vmconfig.VmConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.lsp4j.ApplyWorkspaceEditParams;
import org.eclipse.lsp4j.CodeLens;
import org.eclipse.lsp4j.Command;
import org.eclipse.lsp4j.TextEdit;
import org.eclipse.lsp4j.WorkspaceEdit;
import org.eclipse.lsp4j.services.LanguageClient;

/**
 * The code lens on the pflash device, {@code pflash: passthrough ⇄ emulate}, and its command
 * {@value #TOGGLE}: a WorkspaceEdit the client applies, flipping the mode in the file; then, when a
 * VM from that file runs under the debug adapter, the live VM's mode too ({@link LiveVmLink}).
 */
final class PassthroughCodeLens {
    static final String TOGGLE = "hvscope.pflash.toggle";
    static final String TITLE = "pflash: passthrough ⇄ emulate";

    /** The command's result. */
    public static final class Toggled {
        /** The mode the file has now. */
        public String mode;
        /** True when a live VM was switched too. */
        public boolean liveVmSwitched;
        /** What the debug adapter said (or why no live VM was reached). */
        public String liveVm;
    }

    private PassthroughCodeLens() {
    }

    static List<CodeLens> lenses(Documents.Document doc) {
        List<CodeLens> out = new ArrayList<>();
        VmConfig.Pflash site = pflash(doc);
        if (site != null) {
            Command cmd = new Command(TITLE + " (now " + site.mode() + ")", TOGGLE, List.of(doc.uri(), 0));
            out.add(new CodeLens(doc.ranges().of(site.header()), cmd, null));
        }
        return out;
    }

    private static VmConfig.Pflash pflash(Documents.Document doc) {
        VmConfig model = doc.analysis().model();
        return model == null ? null : model.devices().pflash();
    }

    /**
     * Arguments: the document URI (and the lens index 0, kept for clients that send it). Answers a
     * {@link Toggled}, or null when the document has no pflash device or the client refused the edit.
     */
    static CompletableFuture<Object> toggle(Documents documents, LanguageClient client, LiveVmLink live,
            List<Object> args) {
        String uri = args != null && !args.isEmpty() ? Json.string(args.get(0)) : null;
        Documents.Document doc = documents.get(uri);
        VmConfig.Pflash site = pflash(doc);
        if (uri == null || site == null || client == null) {
            return CompletableFuture.completedFuture(null);
        }
        PflashToggle.Edit edit = PflashToggle.flip(site, doc.lines());
        WorkspaceEdit we = new WorkspaceEdit(Map.of(uri, List.of(new TextEdit(doc.ranges().of(edit.span()), edit.newText()))));
        String mode = site.flipped();
        return client.applyEdit(new ApplyWorkspaceEditParams(we, "pflash: " + mode)).thenApplyAsync(r -> {
            if (r == null || !r.isApplied()) {
                return null;
            }
            LiveVmLink.Outcome o = live.switchTo(Documents.pathOf(uri), mode);
            Toggled t = new Toggled();
            t.mode = mode;
            t.liveVmSwitched = o.switched();
            t.liveVm = o.message();
            return t;
        }, live.worker);
    }
}
