package io.magecloudkit.deploy;

/**
 * What the release phase does next, from the exit codes of its one-off tasks. Pure: the tasks are
 * run elsewhere.
 */
final class ReleaseDecision {
    /** Magento's {@code setup:db:status} exits 2 when schema or data patches are pending. */
    static final int UPGRADE_NEEDED = 2;

    enum Step { NOTHING_TO_DO, UPGRADE, STOP }

    /** When maintenance mode is on around the release. */
    enum Maintenance {
        NEVER, UPGRADE, ALWAYS;

        static Maintenance parse(String word) {
            return switch (word) {
                case "never" -> NEVER;
                case "always" -> ALWAYS;
                default -> UPGRADE;
            };
        }
    }

    private ReleaseDecision() {
    }

    /** @param statusExit the exit code of {@code setup:db:status}; null when ECS could not run it */
    static Step afterStatus(Integer statusExit) {
        if (statusExit == null) {
            return Step.STOP;
        }
        return switch (statusExit) {
            case 0 -> Step.NOTHING_TO_DO;
            case UPGRADE_NEEDED -> Step.UPGRADE;
            default -> Step.STOP;
        };
    }

    /** Whether maintenance mode is enabled for this step. */
    static boolean enableMaintenance(Maintenance policy, Step step) {
        return switch (policy) {
            case NEVER -> false;
            case UPGRADE -> step == Step.UPGRADE;
            case ALWAYS -> step != Step.STOP;
        };
    }

    /**
     * Whether {@code maintenance:disable} runs at the end: whenever the policy can enable it, so that a
     * flag a killed run left behind is cleared by the next run even when it has nothing to upgrade.
     */
    static boolean disableAtEnd(Maintenance policy) {
        return policy != Maintenance.NEVER;
    }
}
