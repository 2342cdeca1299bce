package io.magecloudkit.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PartitionTest {
    @ParameterizedTest
    @CsvSource({"us-east-1, aws", "eu-west-1, aws", "ap-southeast-2, aws", "cn-north-1, aws-cn", "cn-northwest-1, aws-cn",
        "us-gov-west-1, aws-us-gov", "us-gov-east-1, aws-us-gov", "us-west-2, aws"})
    void ofRegion(String region, String partition) {
        assertEquals(partition, Partition.of(region));
    }
}
