package io.magecloudkit.config;

import io.magecloudkit.Messages;

/**
 * One problem in a configuration file, located precisely enough to jump to it.
 *
 * @param file    the file as the user named it
 * @param line    1-based line, 0 when unknown
 * @param column  1-based column, 0 when unknown
 * @param path    the key path, e.g. {@code environments.staging.vpcCidr}; empty for the document
 * @param message what is wrong and, where it helps, what would be right
 */
public record ConfigError(String file, int line, int column, String path, String message) {

    /** A value quoted back may be a URL with a password in it: it never reaches a log or a result file. */
    public ConfigError {
        message = Messages.maskCredentials(message);
    }

    /**
     * {@code file:line:column: path: message}, the format editors and Jenkins' log parsers link;
     * one line whatever the file holds (keys and values are the user's text: escaped, see
     * {@link Messages#printable}).
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(Messages.printable(file));
        if (line > 0) {
            sb.append(':').append(line);
            if (column > 0) {
                sb.append(':').append(column);
            }
        }
        sb.append(": ");
        if (path != null && !path.isEmpty()) {
            sb.append(Messages.printable(path)).append(": ");
        }
        return sb.append(Messages.printable(message)).toString();
    }
}
