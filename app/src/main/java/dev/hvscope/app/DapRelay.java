package dev.hvscope.app;

import dev.hvscope.plugin.dap.DapToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * {@code hvscope dap --connect HOST:PORT}: a stdio debug adapter for IDEs that start adapters as
 * processes (all of them), relaying to an adapter listening on TCP: it sends the token line, then
 * copies bytes both ways until either side closes.
 */
final class DapRelay {
    private DapRelay() {
    }

    static void run(String host, int port, DapToken token, InputStream in, OutputStream out) throws IOException {
        try (Socket s = new Socket(host, port)) {
            s.setTcpNoDelay(true);
            OutputStream toAdapter = s.getOutputStream();
            toAdapter.write(token.line().getBytes(StandardCharsets.US_ASCII));
            toAdapter.flush();
            Thread up = new Thread(() -> {
                copy(in, toAdapter);
                try {
                    s.shutdownOutput(); // the IDE is gone: so is the session
                } catch (IOException e) {
                    // closed already
                }
            }, "dap-relay-to-adapter");
            up.setDaemon(true);
            up.start();
            copy(s.getInputStream(), out);
        }
    }

    private static void copy(InputStream from, OutputStream to) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = from.read(buf)) >= 0) {
                to.write(buf, 0, n);
                to.flush();
            }
        } catch (IOException e) {
            // one side closed: the relay ends
        }
    }
}
