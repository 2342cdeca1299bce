package io.magecloudkit.image;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/** Removes passwords and tokens, and their Basic-auth encodings, from text that may reach a log. */
public final class Secrets {
    static final String MASK = "****";

    private Secrets() {
    }

    public static String sanitize(String text, Collection<RegistryLogin> logins) {
        if (text == null) {
            return "";
        }
        List<String> secrets = new ArrayList<>();
        for (RegistryLogin l : logins) {
            if (l == null || l.password().isEmpty()) {
                continue;
            }
            secrets.add(Base64.getEncoder().encodeToString((l.username() + ":" + l.password()).getBytes(StandardCharsets.UTF_8)));
            secrets.add(l.password());
        }
        // Longest first, so a password inside a longer secret cannot leave half of it behind.
        secrets.sort((a, b) -> b.length() - a.length());
        String out = text;
        for (String s : secrets) {
            out = out.replace(s, MASK);
        }
        // Authorization headers of any kind, in case a token we did not issue shows up.
        return out.replaceAll("(?i)(authorization:\\s*(basic|bearer)\\s+)[A-Za-z0-9+/=._-]+", "$1" + MASK);
    }
}
