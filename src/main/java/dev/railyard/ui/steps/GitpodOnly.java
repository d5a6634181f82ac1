package dev.railyard.ui.steps;

import javafx.beans.property.BooleanProperty;
import javafx.scene.control.Label;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** The note a Gitpod-only screen shows on a Coder plan, whose settings are on Coder's screen instead. */
final class GitpodOnly {

    private GitpodOnly() {}

    static Label note(BooleanProperty gitpodPlan) {
        Label note = new Label("This plan installs Coder: these Gitpod settings are not used. Coder's domain, database and owner "
                + "are on the screen \"Coder: domain, database & owner\".", new FontIcon(Material2AL.INFO));
        note.getStyleClass().add("gitpod-only-note");
        note.setWrapText(true);
        note.visibleProperty().bind(gitpodPlan.not());
        note.managedProperty().bind(note.visibleProperty());
        return note;
    }
}
