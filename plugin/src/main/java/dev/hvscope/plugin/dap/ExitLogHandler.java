package dev.hvscope.plugin.dap;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code hvscope/exitLog}: a page of the VM exit log, latest first, from hvscope's {@code qXfer:hvscope-exits:read}. */
final class ExitLogHandler implements RequestHandler<ExitLogArguments, ExitLogResult> {
    static final int DEFAULT_COUNT = 100;

    @Override
    public ExitLogResult handle(ExitLogArguments args, DebugSession session) {
        int start = args == null || args.start == null ? 0 : args.start;
        int count = args == null || args.count == null ? DEFAULT_COUNT : args.count;
        if (start < 0 || count < 0) {
            throw DapError.badArgs("start and count must not be negative");
        }
        if (!ExitLogScope.available(session)) {
            throw DapError.failed("hvscope/exitLog needs hvscope's stub: this stub does not offer "
                    + ExitLogScope.FEATURE);
        }
        return read(session, start, count);
    }

    /** Entries [start, start+count) counted from the latest. */
    static ExitLogResult read(DebugSession session, int start, int count) {
        long want = Math.min(Integer.MAX_VALUE, (long) start + count);
        JsonObject log = JsonParser.parseString(session.rsp().readXfer("hvscope-exits", Long.toString(want)))
                .getAsJsonObject();
        JsonArray exits = log.getAsJsonArray("exits");   // oldest first
        ExitLogResult r = new ExitLogResult();
        r.total = log.get("total").getAsLong();
        int n = Math.max(0, Math.min(count, exits.size() - start));
        r.entries = new ExitEntry[n];
        for (int i = 0; i < n; i++) {
            r.entries[i] = ExitEntry.of(exits.get(exits.size() - 1 - start - i));
        }
        return r;
    }
}
