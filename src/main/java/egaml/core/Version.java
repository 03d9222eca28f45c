package egaml.core;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * egaml's version and the versions of the libraries it was built with, from the build (Maven fills them in), so the
 * provenance egaml records cannot drift from what the jar holds.
 */
public final class Version {
    private static final Properties BUILD = read();

    private Version() {
    }

    public static String current() {
        return BUILD.getProperty("version", "unknown");
    }

    /** The version of a library the build used: djl, pytorch, lightgbm4j, liblinear ("unknown" outside a build). */
    public static String library(String name) {
        String v = BUILD.getProperty(name, "unknown");
        return v.startsWith("${") ? "unknown" : v;
    }

    /** Every library version the build recorded, by name, sorted. */
    public static java.util.SortedMap<String, String> libraries() {
        java.util.SortedMap<String, String> out = new java.util.TreeMap<>();
        for (String name : BUILD.stringPropertyNames()) {
            if (!name.equals("version")) {
                out.put(name, library(name));
            }
        }
        return out;
    }

    private static Properties read() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/egaml/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return new Properties();
        }
        return p;
    }
}
