package dev.hvscope.plugin.rspclient;

/** Checks on stub replies shared by the packet groups. */
final class Replies {
    private Replies() {
    }

    /** An error reply: {@code Exx} or {@code E.text}. */
    static boolean isError(String reply) {
        return reply.length() >= 2 && reply.charAt(0) == 'E'
                && (reply.charAt(1) == '.' || (reply.length() == 3 && isHex(reply.charAt(1)) && isHex(reply.charAt(2))));
    }

    /** The reply unless it is an error or empty (unsupported). */
    static String data(String request, String reply) {
        if (reply.isEmpty()) {
            throw new RspException("the stub does not support " + name(request));
        }
        if (isError(reply)) {
            throw new RspException(name(request) + " failed: " + reply);
        }
        return reply;
    }

    /** Requires {@code OK}. */
    static void ok(String request, String reply) {
        if (!"OK".equals(data(request, reply))) {
            throw new RspException(name(request) + ": unexpected reply " + RspCodec.abbreviate(reply));
        }
    }

    private static String name(String request) {
        int cut = request.indexOf(':');
        if (cut < 0) {
            cut = request.indexOf(',');
        }
        return "'" + (cut < 0 ? request : request.substring(0, cut)) + "'";
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
