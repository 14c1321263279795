package dev.hvscope.core.device;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** dtc's textual output parsed into node path → set of property lines (enough for comparisons). */
final class Dts {
    final Map<String, TreeSet<String>> nodes = new LinkedHashMap<>();

    static Dts parse(String text) {
        Dts d = new Dts();
        Deque<String> path = new ArrayDeque<>();
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("/dts-v1/")) {
                continue;
            }
            if (line.endsWith("{")) {
                String name = line.substring(0, line.length() - 1).trim();
                String parent = path.isEmpty() ? "" : path.peek();
                String p = name.equals("/") ? "/" : (parent.equals("/") ? "/" : parent + "/") + name;
                path.push(p);
                d.nodes.put(p, new TreeSet<>());
            } else if (line.equals("};")) {
                path.pop();
            } else if (line.endsWith(";") && !path.isEmpty()) {
                d.nodes.get(path.peek()).add(line);
            }
        }
        return d;
    }

    TreeSet<String> props(String path) {
        return nodes.get(path);
    }
}
