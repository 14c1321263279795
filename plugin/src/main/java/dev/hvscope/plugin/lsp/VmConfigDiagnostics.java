package dev.hvscope.plugin.lsp;

import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** Publishes a document's diagnostics (after open and every change): those of {@code hvscope vm}, in LSP ranges. */
final class VmConfigDiagnostics {
    static final String SOURCE = "hvscope";

    private VmConfigDiagnostics() {
    }

    static void publish(LanguageClient client, Documents.Document doc) {
        if (client != null) {
            client.publishDiagnostics(new PublishDiagnosticsParams(doc.uri(), of(doc)));
        }
    }

    static List<Diagnostic> of(Documents.Document doc) {
        Ranges ranges = doc.ranges();
        List<Diagnostic> out = new ArrayList<>();
        for (dev.hvscope.plugin.vmconfig.Diagnostic f : doc.analysis().diagnostics()) {
            Diagnostic d = new Diagnostic(ranges.of(f.span()), f.message(),
                    f.isError() ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, SOURCE);
            d.setCode(f.code());
            out.add(d);
        }
        return out;
    }
}
