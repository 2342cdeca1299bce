package io.magecloudkit.config;

/**
 * The bastion host.
 *
 * @param sshCidr the only block allowed to reach port 22; null means no SSH at all (Session Manager only)
 */
public record BastionConfig(boolean enabled, String instanceType, String sshCidr) {
}
