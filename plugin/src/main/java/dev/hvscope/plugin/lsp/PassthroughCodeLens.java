package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.lsp.analysis.PflashSite;
import dev.hvscope.plugin.lsp.analysis.PflashToggle;
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
 * The code lens on every pflash device, {@code pflash: passthrough ⇄ emulate}, and its command
 * {@value #TOGGLE}: a WorkspaceEdit the client applies, flipping the mode in the file.
 */
final class PassthroughCodeLens {
    static final String TOGGLE = "hvscope.pflash.toggle";
    static final String TITLE = "pflash: passthrough ⇄ emulate";

    private PassthroughCodeLens() {
    }

    static List<CodeLens> lenses(Documents.Document doc) {
        List<CodeLens> out = new ArrayList<>();
        int index = 0;
        for (PflashSite site : doc.analysis().pflash()) {
            Command cmd = new Command(TITLE + " (now " + site.mode() + ")", TOGGLE, List.of(doc.uri(), index++));
            out.add(new CodeLens(Ranges.of(site.header()), cmd, null));
        }
        return out;
    }

    /**
     * Arguments: the document URI and the pflash site's index (default 0). Answers the new mode, or
     * null when the document has no pflash device.
     */
    static CompletableFuture<Object> toggle(Documents documents, LanguageClient client, List<Object> args) {
        String uri = args != null && !args.isEmpty() ? Json.string(args.get(0)) : null;
        int index = args != null && args.size() > 1 ? Json.integer(args.get(1)) : 0;
        Documents.Document doc = documents.get(uri);
        List<PflashSite> sites = doc.analysis().pflash();
        if (uri == null || index < 0 || index >= sites.size()) {
            return CompletableFuture.completedFuture(null);
        }
        PflashSite site = sites.get(index);
        PflashToggle.Edit edit = PflashToggle.flip(site, doc.text());
        WorkspaceEdit we = new WorkspaceEdit(Map.of(uri, List.of(new TextEdit(Ranges.of(edit.range()), edit.newText()))));
        ApplyWorkspaceEditParams params = new ApplyWorkspaceEditParams(we, "pflash: " + site.flipped());
        return client.applyEdit(params).thenApply(r -> r != null && r.isApplied() ? site.flipped() : null);
    }
}
