package dev.railyard.ui.form;

import javafx.collections.ObservableList;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.material2.Material2AL;

/** A small editor for a list of strings (passlist domains, admin CIDRs): type, Add (or Enter), Remove. */
public final class ListEditor extends VBox {

    private final TextField input = new TextField();
    private final ListView<String> list;

    public ListEditor(ObservableList<String> items, String id, String prompt) {
        super(6);
        list = new ListView<>(items);
        list.setPrefHeight(96);
        list.setId(id + "-list");
        input.setId(id + "-input");
        input.setPromptText(prompt);
        HBox.setHgrow(input, Priority.ALWAYS);
        Button add = new Button("Add", new FontIcon(Material2AL.ADD));
        add.setId(id + "-add");
        Button remove = new Button("Remove", new FontIcon(Material2AL.DELETE));
        remove.setId(id + "-remove");
        remove.disableProperty().bind(list.getSelectionModel().selectedItemProperty().isNull());
        add.setOnAction(e -> addTyped());
        // Enter adds to the list here instead of moving to the next step.
        input.setOnAction(e -> {
            addTyped();
            e.consume();
        });
        remove.setOnAction(e -> items.remove(list.getSelectionModel().getSelectedItem()));
        getChildren().addAll(new HBox(6, input, add, remove), list);
    }

    public TextField input() {
        return input;
    }

    private void addTyped() {
        String text = input.getText() == null ? "" : input.getText().trim();
        if (!text.isEmpty() && !list.getItems().contains(text)) list.getItems().add(text);
        input.clear();
    }
}
