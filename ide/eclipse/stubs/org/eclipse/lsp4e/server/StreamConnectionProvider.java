package org.eclipse.lsp4e.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Compile-time stand-in for LSP4E's interface of the same name (LSP4E is not on Maven Central): the
 * abstract methods only, which is all a provider must implement. Not packaged: at run time the class
 * implementing it links to the org.eclipse.lsp4e bundle's interface.
 */
public interface StreamConnectionProvider {
    void start() throws IOException;

    InputStream getInputStream();

    OutputStream getOutputStream();

    InputStream getErrorStream();

    void stop();
}
