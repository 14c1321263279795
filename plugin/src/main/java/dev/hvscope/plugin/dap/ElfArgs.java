package dev.hvscope.plugin.dap;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code elf} launch/attach argument: a path, or an array whose items are paths or objects
 * {@code {"path": "...", "space": "host"|"guest"}} (a bare path is a host ELF).
 */
final class ElfArgs {
    /** One ELF to load and the address space its code runs in. */
    record Elf(String path, SourceLines.Space space) {
    }

    private ElfArgs() {
    }

    static List<Elf> parse(Map<String, Object> args) {
        Object v = args.get("elf") != null ? args.get("elf") : args.get("program");   // VS Code's schemas say program
        List<Elf> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        if (v instanceof List) {
            for (Object o : (List<?>) v) {
                out.add(one(o));
            }
        } else {
            out.add(one(v));
        }
        return out;
    }

    private static Elf one(Object o) {
        if (o instanceof String) {
            return new Elf((String) o, SourceLines.Space.HOST);
        }
        Object path;
        Object space;
        if (o instanceof Map) {
            path = ((Map<?, ?>) o).get("path");
            space = ((Map<?, ?>) o).get("space");
        } else if (o instanceof JsonObject) {
            JsonObject j = (JsonObject) o;
            path = text(j.get("path"));
            space = text(j.get("space"));
        } else {
            throw DapError.badArgs("'elf' items must be paths or {\"path\": ..., \"space\": \"host\"|\"guest\"}");
        }
        if (!(path instanceof String) || ((String) path).isBlank()) {
            throw DapError.badArgs("an 'elf' object needs a string 'path'");
        }
        if (space != null && !(space instanceof String)) {
            throw DapError.badArgs("'space' of an 'elf' object must be \"host\" or \"guest\"");
        }
        return new Elf((String) path, SourceLines.Space.of((String) space));
    }

    private static Object text(JsonElement e) {
        return e == null || e.isJsonNull() ? null : e.isJsonPrimitive() && e.getAsJsonPrimitive().isString() ? e.getAsString() : e;
    }
}
