package com.cloudbees.groovy.cps;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Stand-in for Jenkins' {@code @NonCPS} (workflow-cps), which pipeline scripts use without an
 * import: the {@code vars/} steps compile in {@link io.magecloudkit.pipeline.PipelineHarness}
 * as they do in Jenkins. A method so marked runs as plain Groovy and must call no step.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NonCPS {
}
