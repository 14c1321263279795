package dev.hvscope.plugin.lsp;

import dev.hvscope.plugin.vmconfig.ConfigText;
import dev.hvscope.plugin.vmconfig.Span;
import org.eclipse.lsp4j.Position;
import org.eclipse.lsp4j.Range;

/**
 * The one place config positions (1-based, code points) and LSP positions (0-based, in the
 * negotiated encoding) meet, both ways, for one version of one document.
 */
final class Ranges {
    private final ConfigText text;
    private final PositionEncoding encoding;

    Ranges(ConfigText text, PositionEncoding encoding) {
        this.text = text;
        this.encoding = encoding;
    }

    Range of(Span s) {
        return new Range(of(s.start()), of(s.end()));
    }

    Position of(dev.hvscope.plugin.vmconfig.Position p) {
        String line = text.line(p.line() - 1);
        return new Position(p.line() - 1, encoding.units(line, text.index(p)));
    }

    /** The string index on its line that an LSP position names. */
    int index(Position p) {
        return encoding.index(text.line(p.getLine()), p.getCharacter());
    }

    /** The config position an LSP position names (hover, completion, lens arguments). */
    dev.hvscope.plugin.vmconfig.Position at(Position p) {
        return text.position(Math.max(0, p.getLine()), index(p));
    }
}
