package io.magecloudkit.cli;

import io.magecloudkit.Version;
import picocli.CommandLine.IVersionProvider;

final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"mck " + Version.get() + " (MageCloudKit, Java " + Runtime.version() + ")"};
    }
}
