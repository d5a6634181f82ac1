package dev.railyard.engine.run;

import java.util.HashSet;
import java.util.Set;

/**
 * Counts "resource n of m" during apply or destroy. {@code m} comes from the plan's change summary
 * (or the apply's own planned changes when it plans again); {@code n} from completed or failed
 * resources, joined by address because parallel resources interleave. Not thread-safe: one reader.
 */
public final class TerraformProgress {

    private int planned;
    private final Set<String> plannedAddresses = new HashSet<>();
    private final Set<String> finished = new HashSet<>();

    public TerraformProgress(int plannedFromSummary) {
        this.planned = plannedFromSummary;
    }

    public void accept(TerraformEvent event) {
        switch (event.type()) {
            case "planned_change":
                if (event.resourceAddress() != null && !"noop".equals(event.action()) && !"read".equals(event.action())) {
                    plannedAddresses.add(event.resourceAddress());
                }
                break;
            case "change_summary":
                if (!"apply".equals(event.changes().operation()) && !"destroy".equals(event.changes().operation())
                        || planned == 0) {
                    planned = Math.max(planned, event.changes().total());
                }
                break;
            case "apply_complete":
            case "apply_errored":
                if (event.resourceAddress() != null) finished.add(event.resourceAddress());
                break;
            default:
                break;
        }
    }

    public int done() {
        return finished.size();
    }

    public int total() {
        return Math.max(planned, Math.max(plannedAddresses.size(), finished.size()));
    }

    /** "resource 3 of 7", or empty when nothing is known yet. */
    public String describe() {
        int total = total();
        return total == 0 ? "" : "resource " + done() + " of " + total;
    }
}
