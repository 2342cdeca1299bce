package io.magecloudkit;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Pattern;

/**
 * Turning exception messages and user-written text into the one-line errors users see.
 * Every line mck prints goes through {@link #printable}: a value from a configuration file or
 * an error from a server is shown, never obeyed by the terminal, and never shows a password.
 */
public final class Messages {
    /** {@code scheme://user:password@} or {@code scheme://token@}: whatever precedes the @ is a credential. */
    private static final Pattern URL_CREDENTIALS = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/@\\s]+@");

    private Messages() {
    }

    /** The first line of a message, "" for none: library messages often carry stack-like detail below. */
    public static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * One line safe to print: credentials in URLs masked, and every control or text-direction
     * character (ESC, CR, LF, the bidi overrides U+202A–U+202E and isolates U+2066–U+2069, ...)
     * written as a visible {@code \\uXXXX} escape, so text from a file or a server can neither
     * recolour the terminal, fake a second log line nor reorder what the reader sees.
     * Callers that print several lines split on '\n' first and pass each line.
     */
    public static String printable(String text) {
        if (text == null) {
            return "null";
        }
        String masked = maskCredentials(text);
        StringBuilder sb = null;
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            if (hostile(c)) {
                if (sb == null) {
                    sb = new StringBuilder(masked.length() + 16).append(masked, 0, i);
                }
                sb.append(String.format("\\u%04X", (int) c));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? masked : sb.toString();
    }

    /** {@code http://user:pass@host} becomes {@code http://***@host}; the rest is unchanged. */
    public static String maskCredentials(String text) {
        if (text == null || text.indexOf('@') < 0) {
            return text;
        }
        return URL_CREDENTIALS.matcher(text).replaceAll("$1***@");
    }

    private static boolean hostile(char c) {
        if (c == '\t') {
            return false;
        }
        if (Character.isISOControl(c)) { // C0, DEL, C1 (0x80-0x9F: 0x9B is a one-byte CSI)
            return true;
        }
        return (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u200E' || c == '\u200F' || c == '\u061C' || c == '\u2028' || c == '\u2029';
    }

    /**
     * Why a file operation failed, in words: the JDK puts only the path in the message of
     * {@link AccessDeniedException} and its kin, which loses "permission denied".
     */
    public static String ioReason(IOException e) {
        if (e instanceof FileSystemException fs && fs.getReason() != null && !fs.getReason().isBlank()) {
            return fs.getReason();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty";
        }
        return firstLine(e.getMessage());
    }
}
