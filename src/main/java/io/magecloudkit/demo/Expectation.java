package io.magecloudkit.demo;

/** One thing the demo promises, whether it held, and what was seen. */
public record Expectation(String name, boolean held, String evidence) {
}
