package attendfirst.plan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * What the pom's surefire configuration hands the test JVM under a profile, read from pom.xml itself with the JDK's
 * XML parser (no Maven in between): the system properties ({@code systemPropertyVariables} of the build and of the
 * profile, interpolated with the project's properties overridden by the profile's and by Maven's user properties,
 * which surefire also passes on), the JVM arguments ({@code argLine}) and the environment
 * ({@code environmentVariables}). As surefire does (checked with surefire 3.5.4): an empty value is passed as an
 * empty string, an undefined {@code ${name}} as empty too.
 *
 * @param systemProperties -D settings of the test JVM, in pom order
 * @param jvmArgs          argLine, split at blanks
 * @param environment      environment variables of the test JVM
 */
public record PomSettings(Map<String, String> systemProperties, List<String> jvmArgs, Map<String, String> environment) {
    private static final Pattern REF = Pattern.compile("\\$\\{([^}]+)}");

    /** The settings of {@code profile} (null: none besides the property-activated defaults) given Maven's {@code -D}s. */
    public static PomSettings read(Path pom, String profile, Map<String, String> userProperties) {
        Element project = parse(pom).getDocumentElement();
        Map<String, String> props = new LinkedHashMap<>(children(child(project, "properties")));
        Element profileElement = null;
        if (profile != null) {
            Element profiles = child(project, "profiles");
            for (Element p : elements(profiles, "profile")) {
                if (profile.equals(text(child(p, "id")))) {
                    profileElement = p;
                }
            }
            if (profileElement == null) {
                throw new IllegalArgumentException(pom + ": no profile '" + profile + "'");
            }
            props.putAll(children(child(profileElement, "properties")));
        }
        props.putAll(userProperties);
        Path dir = pom.toAbsolutePath().getParent();
        props.put("project.basedir", dir.toString());
        props.put("basedir", dir.toString());
        props.put("project.build.directory", dir.resolve("target").toString());

        Map<String, String> sys = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        List<String> args = new ArrayList<>();
        List<Element> configs = new ArrayList<>();
        surefire(child(project, "build")).ifPresent(configs::add);
        if (profileElement != null) {
            surefire(child(profileElement, "build")).ifPresent(configs::add);
        }
        if (configs.isEmpty()) {
            throw new IllegalArgumentException(pom + ": no maven-surefire-plugin configuration");
        }
        for (Element config : configs) {
            children(child(config, "systemPropertyVariables")).forEach((k, v) -> sys.put(k, interpolate(v, props)));
            children(child(config, "environmentVariables")).forEach((k, v) -> env.put(k, interpolate(v, props)));
            Element argLine = child(config, "argLine");
            if (argLine != null) {
                args.clear();
                for (String a : interpolate(text(argLine), props).trim().split("\\s+")) {
                    if (!a.isEmpty()) {
                        args.add(a);
                    }
                }
            }
        }
        sys.putAll(userProperties);
        return new PomSettings(sys, args, env);
    }

    static String interpolate(String value, Map<String, String> props) {
        String v = value;
        for (int depth = 0; depth < 10 && v.contains("${"); depth++) {
            Matcher m = REF.matcher(v);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(props.getOrDefault(m.group(1), "")));
            }
            m.appendTail(out);
            v = out.toString();
        }
        return v;
    }

    private static java.util.Optional<Element> surefire(Element build) {
        Element plugins = child(build, "plugins");
        for (Element plugin : elements(plugins, "plugin")) {
            if ("maven-surefire-plugin".equals(text(child(plugin, "artifactId")))) {
                return java.util.Optional.ofNullable(child(plugin, "configuration"));
            }
        }
        return java.util.Optional.empty();
    }

    private static Document parse(Path pom) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return f.newDocumentBuilder().parse(Files.newInputStream(pom));
        } catch (IOException | javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IllegalStateException("cannot parse " + pom + ": " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> elements(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    private static Map<String, String> children(Element parent) {
        Map<String, String> out = new LinkedHashMap<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    out.put(e.getTagName(), text(e));
                }
            }
        }
        return out;
    }

    private static String text(Element e) {
        return e == null ? "" : e.getTextContent().trim();
    }

    /** The {@code KEY: value} lines of gpu.yml's job environment that DJL reads (PYTORCH_*, DJL_*, ENGINE_CACHE_DIR). */
    public static Map<String, String> workflowDjlEnvironment(Path workflow) {
        Map<String, String> out = new LinkedHashMap<>();
        Pattern line = Pattern.compile("^\\s+((?:PYTORCH|DJL)_[A-Z_]+|ENGINE_CACHE_DIR):\\s*\"?([^\"#]*?)\"?\\s*(#.*)?$");
        try {
            for (String l : Files.readAllLines(workflow)) {
                Matcher m = line.matcher(l);
                if (m.matches()) {
                    out.put(m.group(1), m.group(2).trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + workflow + ": " + e.getMessage(), e);
        }
        return out;
    }
}
