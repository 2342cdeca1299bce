package io.magecloudkit.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

/** Loopback endpoints for tests. */
public final class FreePort {
    private FreePort() {
    }

    /** An endpoint on a loopback port that was free a moment ago and has nothing listening. */
    public static URI closedLoopbackEndpoint() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
