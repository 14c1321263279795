package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.lsp.analysis.Finding;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.lsp4j.Diagnostic;
import org.eclipse.lsp4j.DiagnosticSeverity;
import org.eclipse.lsp4j.PublishDiagnosticsParams;
import org.eclipse.lsp4j.services.LanguageClient;

/** Publishes a document's findings as diagnostics (after open and every change). */
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
        List<Diagnostic> out = new ArrayList<>();
        for (Finding f : doc.analysis().findings()) {
            Diagnostic d = new Diagnostic(Ranges.of(f.range()), f.message(), severity(f.severity()), SOURCE);
            d.setCode(f.code());
            out.add(d);
        }
        return out;
    }

    private static DiagnosticSeverity severity(Finding.Severity s) {
        return switch (s) {
            case ERROR -> DiagnosticSeverity.Error;
            case WARNING -> DiagnosticSeverity.Warning;
            case INFORMATION -> DiagnosticSeverity.Information;
        };
    }
}
