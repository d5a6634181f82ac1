package dev.railyard.ui.health;

import dev.railyard.engine.cluster.Area;
import dev.railyard.engine.cluster.Finding;
import dev.railyard.engine.cluster.HealthReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The panel's state: the latest report, the filter, whether a refresh is running and what went
 * wrong with the last one. Live updates (informers) and the refresh button both end in
 * {@link #show(HealthReport)} on the FX thread.
 */
public final class HealthViewModel {

    private final HealthSource source;
    private final Executor background;
    private final dev.railyard.engine.cluster.Remedies remedies;
    private final ObjectProperty<HealthReport> report = new SimpleObjectProperty<>();
    private final StringProperty filter = new SimpleStringProperty("");
    private final BooleanProperty refreshing = new SimpleBooleanProperty(false);
    private final StringProperty problem = new SimpleStringProperty("");

    public HealthViewModel(HealthSource source, Executor background) {
        this(source, background, dev.railyard.engine.cluster.Remedies.NONE);
    }

    /** {@code remedies}: the fixes the world can carry out itself (none for a real cluster; the demo's simulation has one). */
    public HealthViewModel(HealthSource source, Executor background, dev.railyard.engine.cluster.Remedies remedies) {
        this.source = source;
        this.background = background;
        this.remedies = remedies;
    }

    public Optional<dev.railyard.engine.cluster.Remedies.Remedy> remedyFor(Finding finding) {
        return remedies.forFinding(finding);
    }

    /** Carries out a finding's fix in the background, then checks again. */
    public void applyFix(dev.railyard.engine.cluster.Remedies.Remedy remedy) {
        if (refreshing.get()) return;
        refreshing.set(true);
        background.execute(() -> {
            try {
                remedy.apply().run();
                Platform.runLater(() -> {
                    refreshing.set(false);
                    refresh();
                });
            } catch (RuntimeException e) {
                Platform.runLater(() -> {
                    problem.set("Could not apply the fix of " + remedy.code() + ": " + e.getMessage());
                    refreshing.set(false);
                });
            }
        });
    }

    public ReadOnlyObjectProperty<HealthReport> reportProperty() {
        return report;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem;
    }

    public Optional<HealthReport> report() {
        return Optional.ofNullable(report.get());
    }

    /** Shows a report (from a refresh or a live update). Must run on the FX thread. */
    public void show(HealthReport value) {
        report.set(value);
        problem.set("");
    }

    /** Runs the source in the background; a second click while one runs is ignored rather than queued. */
    public void refresh() {
        if (refreshing.get()) return;
        refreshing.set(true);
        background.execute(() -> {
            try {
                HealthReport fresh = source.evaluate();
                Platform.runLater(() -> {
                    show(fresh);
                    refreshing.set(false);
                });
            } catch (Exception e) {
                String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                Platform.runLater(() -> {
                    problem.set("Could not read the cluster: " + message);
                    refreshing.set(false);
                });
            }
        });
    }

    /** The findings the filter lets through (code, title, evidence or fix contain every word), grouped by area in check order. */
    public Map<Area, List<Finding>> visibleByArea() {
        Map<Area, List<Finding>> groups = new LinkedHashMap<>();
        HealthReport current = report.get();
        if (current == null) return groups;
        String[] words = filter.get() == null ? new String[0] : filter.get().toLowerCase(Locale.ROOT).trim().split("\\s+");
        for (Area area : Area.values()) {
            for (Finding f : current.findings()) {
                if (f.area() == area && matches(f, words)) groups.computeIfAbsent(area, a -> new ArrayList<>()).add(f);
            }
        }
        return groups;
    }

    public String summary() {
        HealthReport current = report.get();
        if (current == null) return "Not checked yet";
        return current.count(Finding.Severity.ERROR) + " errors · " + current.count(Finding.Severity.WARNING) + " warnings · "
                + current.count(Finding.Severity.INFO) + " notes";
    }

    /** What "Copy as text" puts on the clipboard: the verdict and the findings currently shown. */
    public String visibleAsText() {
        HealthReport current = report.get();
        if (current == null) return "";
        StringBuilder out = new StringBuilder("Cluster health: " + current.status() + " (" + summary() + ") at " + current.takenAt() + "\n");
        visibleByArea().forEach((area, findings) -> {
            out.append("\n## ").append(area.label()).append('\n');
            findings.forEach(f -> out.append(f.toText()));
        });
        return out.toString();
    }

    private static boolean matches(Finding f, String[] words) {
        String haystack = (f.code() + " " + f.title() + " " + String.join(" ", f.evidence()) + " " + f.fix()).toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (!w.isEmpty() && !haystack.contains(w)) return false;
        }
        return true;
    }
}
