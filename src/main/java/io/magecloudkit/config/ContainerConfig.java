package io.magecloudkit.config;

/**
 * One container of an app's task.
 *
 * @param cpu    CPU units reserved (1024 = one vCPU)
 * @param memory hard memory limit in MiB
 * @param image  an image reference for containers MageCloudKit does not build (generic apps); null for
 *               nginx / php-fpm / blackfire, which the image build produces
 * @param port   the container port the load balancer sends traffic to (generic apps); null when not set
 */
public record ContainerConfig(String name, boolean enabled, int cpu, int memory, String image, Integer port) {
}
