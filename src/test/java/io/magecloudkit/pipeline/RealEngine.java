package io.magecloudkit.pipeline;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The real engine for pipeline tests, before `mvn package` has made target/mck.jar (surefire runs
 * first): a launcher script and a jar whose manifest starts io.magecloudkit.cli.Main on this
 * test run's class path: both run exactly the code a user's mck runs.
 */
final class RealEngine {
    /** The keys a sandbox is started with and a Jenkins credentials entry holds: the sandbox checks the signature, so they reached mck. */
    static final String ACCESS_KEY = "AKIAJENKINSPIPELINE1";
    static final String SECRET_KEY = "jenkins/Pipeline+Secret/Key0123456789abcd";

    private RealEngine() {
    }

    /** The harness as a Jenkins agent runs steps: a plain PATH, HOME in the test's directory, no instance metadata. */
    static PipelineHarness agent(Path work, Path workspace) {
        return new PipelineHarness(workspace).env("PATH", "/usr/bin:/bin").env("HOME", work.toString())
                .env("AWS_EC2_METADATA_DISABLED", "true").env("BUILD_NUMBER", "5");
    }

    /** Every result file the steps left in the workspace, as one text to search for a secret. */
    static String resultFiles(Path workspace) throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.list(workspace.resolve(".mck"))) {
            for (Path f : files.toList()) {
                all.append(Files.readString(f));
            }
        }
        return all.toString();
    }

    /** An executable {@code mck} in {@code dir} that runs the engine. */
    static Path launcher(Path dir) throws IOException {
        return launcher(dir, "io.magecloudkit.cli.Main");
    }

    /**
     * The same whose deploy and rollback wait in the time of the sandbox {@code --endpoint-url} names
     * ({@link io.magecloudkit.cli.SandboxTimeMain}), for a sandbox sped up.
     */
    static Path launcherOnSandboxTime(Path dir) throws IOException {
        return launcher(dir, io.magecloudkit.cli.SandboxTimeMain.class.getName());
    }

    private static Path launcher(Path dir, String mainClass) throws IOException {
        Files.createDirectories(dir);
        Path mck = dir.resolve("mck");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(mck, "#!/bin/sh\nexec " + quote(java) + " " + String.join(" ", io.magecloudkit.testing.MckProcess.JVM_OPTIONS)
                + " -cp " + quote(System.getProperty("java.class.path"))
                + " " + mainClass + " \"$@\"\n");
        Files.setPosixFilePermissions(mck, PosixFilePermissions.fromString("rwxr-xr-x"));
        return mck;
    }

    /** A runnable engine jar, as the Maven repository would serve it. */
    static byte[] jar() throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.magecloudkit.cli.Main");
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toUri().toString()).collect(Collectors.joining(" ")));
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (OutputStream out = new JarOutputStream(bytes, manifest)) {
            out.flush();
        }
        return bytes.toByteArray();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}
