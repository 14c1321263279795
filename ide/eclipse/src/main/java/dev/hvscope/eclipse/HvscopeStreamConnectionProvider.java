package dev.hvscope.eclipse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.lsp4e.server.StreamConnectionProvider;

/** LSP4E's connection to the language server: the process {@code hvscope lsp}, spoken to on stdio. */
public final class HvscopeStreamConnectionProvider implements StreamConnectionProvider {
    private Process process;

    @Override
    public void start() throws IOException {
        process = new ProcessBuilder(HvscopeCommand.of("lsp")).start();
    }

    @Override
    public InputStream getInputStream() {
        return process == null ? null : process.getInputStream();
    }

    @Override
    public OutputStream getOutputStream() {
        return process == null ? null : process.getOutputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return process == null ? null : process.getErrorStream();
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            process = null;
        }
    }
}
