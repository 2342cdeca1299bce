package io.magecloudkit.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "build-images", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Build the nginx, php-fpm and blackfire images from a built Magento tree and push them.", "Not implemented yet: exits 1."})
final class BuildImagesCommand extends NotImplementedCommand {
    @Mixin
    AwsOptions aws;
}
