package dev.hvscope.gdb.rsp;

/** Test access to the decoder's unescaping for the raw client. */
public final class RspDecoderAccess {
    private RspDecoderAccess() {
    }

    public static byte[] unescape(byte[] raw) {
        return RspDecoder.unescape(raw);
    }
}
