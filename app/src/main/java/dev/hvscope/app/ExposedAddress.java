package dev.hvscope.app;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The one-line warning for a server bound beyond this machine (a host that is not a loopback address). */
final class ExposedAddress {
    private ExposedAddress() {
    }

    /**
     * Prints "{@code who}: warning: listening on HOST:PORT, reachable from other machines: RISK"
     * when {@code host} is not a loopback address; nothing for loopback or a host that does not
     * resolve (the bind reports that).
     */
    static void warn(String who, String host, int port, String risk, PrintWriter err) {
        try {
            if (InetAddress.getByName(host).isLoopbackAddress()) {
                return;
            }
        } catch (UnknownHostException | SecurityException e) {
            return;
        }
        err.println(who + ": warning: listening on " + host + ":" + port + ", reachable from other machines: " + risk);
        err.flush();
    }
}
