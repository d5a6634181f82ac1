package dev.railyard.ui;

import atlantafx.base.theme.Styles;
import javafx.scene.control.Button;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** The flat, icon-led toolbar button every toolbar entry uses. */
final class Toolbars {

    private Toolbars() {}

    static Button tool(String text, Ikon icon, String id, Runnable action) {
        Button b = new Button(text, new FontIcon(icon));
        b.setId(id);
        b.getStyleClass().add(Styles.FLAT);
        b.setFocusTraversable(false);
        if (action != null) b.setOnAction(e -> action.run());
        return b;
    }
}
