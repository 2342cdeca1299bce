package org.jenkinsci.plugins.workflow.libs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Stand-in for Jenkins' {@code @Library('name') _}, which Jenkins imports into every Jenkinsfile; the harness has the library loaded already. */
@Retention(RetentionPolicy.SOURCE)
@Target({ElementType.LOCAL_VARIABLE, ElementType.FIELD, ElementType.TYPE, ElementType.METHOD, ElementType.PARAMETER})
public @interface Library {
    String[] value();
}
