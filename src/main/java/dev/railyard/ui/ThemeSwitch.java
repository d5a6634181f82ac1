package dev.railyard.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.control.Button;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2MZ;

/** The light/dark theme: the toolbar button and the user-agent stylesheet it switches. */
final class ThemeSwitch {

    private final Button button;
    private boolean dark;

    ThemeSwitch() {
        button = Toolbars.tool("Dark", Material2MZ.NIGHTS_STAY, "tool-theme", () -> setDark(!dark));
    }

    Button button() {
        return button;
    }

    void setDark(boolean value) {
        dark = value;
        Application.setUserAgentStylesheet(value ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
        button.setText(dark ? "Light" : "Dark");
        button.setGraphic(new FontIcon(dark ? Material2MZ.WB_SUNNY : Material2MZ.NIGHTS_STAY));
    }
}
