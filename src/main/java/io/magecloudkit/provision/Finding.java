package io.magecloudkit.provision;

/**
 * One problem a template check found.
 *
 * @param template the stack and its template file, e.g. {@code acme-shop-staging-network (network.yml)}
 * @param path     where in the template, e.g. {@code Resources.Vpc.Properties.CidrBlock}
 * @param reason   what is wrong, in a sentence a user can act on
 */
public record Finding(String template, String path, String reason) {
    @Override
    public String toString() {
        return template + ": " + path + ": " + reason;
    }
}
