package io.magecloudkit.demo;

import java.io.PrintWriter;
import java.io.Writer;

/** Writes every line with a prefix, so each command's own log sits under its phase's header. */
public final class IndentingWriter extends Writer {
    private final PrintWriter out;
    private final String prefix;
    private boolean atLineStart = true;

    public IndentingWriter(PrintWriter out, String prefix) {
        this.out = out;
        this.prefix = prefix;
    }

    @Override
    public synchronized void write(char[] buf, int off, int len) {
        for (int i = off; i < off + len; i++) {
            char c = buf[i];
            if (atLineStart && c != '\n') {
                out.write(prefix);
                atLineStart = false;
            }
            out.write(c);
            if (c == '\n') {
                atLineStart = true;
            }
        }
    }

    @Override
    public void flush() {
        out.flush();
    }

    @Override
    public void close() {
        flush();
    }
}
