package dev.hvscope.plugin.rspclient;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The registers of a target.xml (with its {@code xi:include}d files): wire numbers by name. A
 * register without {@code regnum} takes the previous one's number plus one, as GDB numbers them.
 */
public final class TargetDescription {
    private final Map<String, RegisterInfo> byName;
    private final String architecture;

    private TargetDescription(Map<String, RegisterInfo> byName, String architecture) {
        this.byName = byName;
        this.architecture = architecture;
    }

    /**
     * Parses target.xml, fetching included documents with {@code fetch} (annex name to text).
     *
     * @throws RspException when a document is not well-formed XML
     */
    public static TargetDescription parse(String targetXml, Function<String, String> fetch) {
        Map<String, RegisterInfo> regs = new LinkedHashMap<>();
        String[] arch = {""};
        int[] next = {0};
        walk(targetXml, fetch, regs, arch, next, 0);
        return new TargetDescription(Collections.unmodifiableMap(regs), arch[0]);
    }

    private static void walk(String xml, Function<String, String> fetch, Map<String, RegisterInfo> regs,
                             String[] arch, int[] next, int depth) {
        if (depth > 8) {
            throw new RspException("target description includes nest too deep");
        }
        Document doc = parseXml(xml);
        visit(doc.getDocumentElement(), "", fetch, regs, arch, next, depth);
    }

    private static void visit(Element e, String feature, Function<String, String> fetch,
                              Map<String, RegisterInfo> regs, String[] arch, int[] next, int depth) {
        String tag = localName(e);
        if (tag.equals("architecture")) {
            arch[0] = e.getTextContent().trim();
        } else if (tag.equals("include")) {
            String href = e.getAttribute("href");
            if (!href.isEmpty()) {
                walk(fetch.apply(href), fetch, regs, arch, next, depth + 1);
            }
            return;
        } else if (tag.equals("feature")) {
            feature = e.getAttribute("name");
        } else if (tag.equals("reg")) {
            String n = e.getAttribute("regnum");
            int regnum = n.isEmpty() ? next[0] : Integer.parseInt(n.trim());
            next[0] = regnum + 1;
            int bits = Integer.parseInt(e.getAttribute("bitsize").trim());
            String name = e.getAttribute("name");
            regs.putIfAbsent(name, new RegisterInfo(name, regnum, bits, feature, e.getAttribute("group")));
            return;
        }
        NodeList kids = e.getChildNodes();
        for (int i = 0; i < kids.getLength(); i++) {
            Node k = kids.item(i);
            if (k instanceof Element) {
                visit((Element) k, feature, fetch, regs, arch, next, depth);
            }
        }
    }

    private static String localName(Element e) {
        String n = e.getLocalName() != null ? e.getLocalName() : e.getTagName();
        int colon = n.indexOf(':');
        return colon < 0 ? n : n.substring(colon + 1);
    }

    private static Document parseXml(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            // not namespace-aware: QEMU writes xi:include without declaring the xi prefix
            f.setNamespaceAware(false);
            f.setExpandEntityReferences(false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(null);
            b.setEntityResolver((publicId, systemId) -> new org.xml.sax.InputSource(new java.io.StringReader("")));
            return b.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (Exception e) {
            throw new RspException("malformed target description: " + e.getMessage(), e);
        }
    }

    /** The register with this name, or null. */
    public RegisterInfo get(String name) {
        return byName.get(name);
    }

    public List<RegisterInfo> all() {
        return new ArrayList<>(byName.values());
    }

    /** Registers of one feature, in description order. */
    public List<RegisterInfo> feature(String feature) {
        List<RegisterInfo> out = new ArrayList<>();
        for (RegisterInfo r : byName.values()) {
            if (r.feature().equals(feature)) {
                out.add(r);
            }
        }
        return out;
    }

    public String architecture() {
        return architecture;
    }
}
