package dev.hvscope.gdb.monitor;

import dev.hvscope.core.debug.Debuggee;
import dev.hvscope.core.debug.HypervisorViews;
import dev.hvscope.core.debug.StopEvent;
import java.util.EnumMap;
import java.util.Map;

/**
 * The tables scanned at the current stop, one per kind, so the IDE's paged requests (regions,
 * then each region's leaves) cost one scan per stop. An entry is reused only while the target
 * sits in the same stop, on the same thread, with the same atp value; the connection clears the
 * cache on every packet that may change memory or run the target.
 */
public final class TableCache {
    /** The stop is compared by identity: two stops at the same place are still two stops. */
    private record Key(StopEvent stop, int thread, long atp) {
        boolean same(Key o) {
            return o != null && stop == o.stop && thread == o.thread && atp == o.atp;
        }
    }

    private final Map<HypervisorViews.Table, Key> keys = new EnumMap<>(HypervisorViews.Table.class);
    private final Map<HypervisorViews.Table, TableSnapshot> tables = new EnumMap<>(HypervisorViews.Table.class);

    public synchronized TableSnapshot get(Debuggee d, int thread, HypervisorViews.Table table) {
        Key k = new Key(d.lastStop(), thread, d.views().tableRoot(thread, table));
        TableSnapshot s = tables.get(table);
        if (s == null || !k.same(keys.get(table))) {
            s = TableSnapshot.scan(d, thread, table);
            tables.put(table, s);
            keys.put(table, k);
        }
        return s;
    }

    public synchronized void clear() {
        tables.clear();
        keys.clear();
    }
}
