package dev.hvscope.plugin.lsp.analysis;

/** The text edit that flips a pflash mode: rewrite the mode's value, or add one under the header. */
public final class PflashToggle {
    private PflashToggle() {
    }

    public record Edit(TextRange range, String newText) {
    }

    /** @param text the document the site was found in */
    public static Edit flip(PflashSite site, String text) {
        String value = "\"" + site.flipped() + "\"";
        if (site.modeValue() != null) {
            return new Edit(site.modeValue(), value);
        }
        SourceText src = new SourceText(text);
        int header = site.header().startLine();
        if (header + 1 >= src.lineCount()) {
            // the header is the last line: append after it, a position every client accepts
            int end = src.line(header).length();
            return new Edit(TextRange.line(header, end, end), "\nmode = " + value);
        }
        return new Edit(TextRange.line(header + 1, 0, 0), "mode = " + value + "\n");
    }
}
