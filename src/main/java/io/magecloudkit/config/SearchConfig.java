package io.magecloudkit.config;

/** The OpenSearch domain Magento 2.4 requires. */
public record SearchConfig(String engineVersion, String instanceType, int instanceCount, int volumeSizeGb) {
}
