package io.magecloudkit.image;

import io.magecloudkit.MckException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** Where images go: a registry (plain OCI or ECR) or a directory of OCI tar files. */
public sealed interface Target permits Target.Registry, Target.TarDirectory {

    enum RegistryType { OCI, ECR }

    /**
     * A registry and an optional repository prefix.
     *
     * @param host   HOST[:PORT] (for ECR: the account's registry host, or empty to take it from
     *               GetAuthorizationToken's proxyEndpoint)
     * @param prefix repository prefix without slashes at the ends, or "" for none
     */
    record Registry(String host, String prefix, RegistryType type) implements Target {
        private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.-]+(:[0-9]{1,5})?|\\[[0-9a-fA-F:]+\\](:[0-9]{1,5})?");
        private static final Pattern PREFIX = Pattern.compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?:/[a-z0-9]+(?:[._-][a-z0-9]+)*)*");

        /** Parses HOST[:PORT][/PREFIX]. */
        public static Registry parse(String ref, RegistryType type) {
            String s = ref.trim().replaceFirst("^(https?|oci)://", "");
            while (s.endsWith("/")) {
                s = s.substring(0, s.length() - 1);
            }
            int slash = s.indexOf('/');
            String host = slash < 0 ? s : s.substring(0, slash);
            String prefix = slash < 0 ? "" : s.substring(slash + 1);
            if (!HOST.matcher(host).matches()) {
                throw new MckException(MckException.Kind.USAGE, "--registry must be HOST[:PORT][/PREFIX], got '" + ref + "'");
            }
            checkPort(host, "--registry");
            if (!prefix.isEmpty() && !PREFIX.matcher(prefix).matches()) {
                throw new MckException(MckException.Kind.USAGE, "--registry prefix '" + prefix
                        + "' is not a repository path (lower-case letters, digits, . _ - and /)");
            }
            return new Registry(host.toLowerCase(Locale.ROOT), prefix, type);
        }

        /** The repository of one image: PREFIX/NAME. */
        public String repository(String image) {
            return prefix.isEmpty() ? image : prefix + "/" + image;
        }

        /** True for 127.0.0.0/8, ::1 and localhost: the only registries spoken to over plain HTTP. */
        public boolean isLoopback() {
            return Target.isLoopback(host);
        }
    }

    /** A directory that receives {@code <image>-<tag>.tar} OCI archives (the offline default). */
    record TarDirectory(Path dir) implements Target {
    }

    /**
     * Refuses a port outside 1..65535 in a HOST[:PORT]: without this check the HTTP client fails
     * later with an internal error instead of a usage error.
     */
    static void checkPort(String hostAndPort, String what) {
        int colon = hostAndPort.lastIndexOf(':');
        if (colon < 0 || hostAndPort.indexOf(']', colon) >= 0 || (hostAndPort.startsWith("[") && !hostAndPort.contains("]:"))) {
            return;
        }
        String port = hostAndPort.substring(colon + 1);
        if (!port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
            throw new MckException(MckException.Kind.USAGE, what + " '" + hostAndPort + "': port " + port
                    + " is not between 1 and 65535");
        }
    }

    /** Whether a HOST[:PORT] is on this machine. */
    static boolean isLoopback(String hostAndPort) {
        String host = hostAndPort;
        if (host.startsWith("[")) {
            host = host.substring(1, host.indexOf(']'));
        } else if (host.indexOf(':') >= 0) {
            host = host.substring(0, host.indexOf(':'));
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!host.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false; // never resolve names here: DNS must not decide what gets plain HTTP
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
