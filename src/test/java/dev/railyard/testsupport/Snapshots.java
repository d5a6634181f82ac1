package dev.railyard.testsupport;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/** PNG screenshots of a scene, taken on the FX thread (works under Monocle, no display needed). */
public final class Snapshots {

    private Snapshots() {}

    /** Where screenshots go: target/screenshots, or the folder -Drailyard.screenshots names (assets/screenshots for the README). */
    public static Path folder() {
        Path project = Path.of(System.getProperty("railyard.projectDir", "."));
        return project.resolve(System.getProperty("railyard.screenshots", "target/screenshots"));
    }

    public static void savePng(Scene scene, Path file) throws IOException {
        WritableImage image = scene.snapshot(null);
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        PixelReader reader = image.getPixelReader();
        reader.getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        out.setRGB(0, 0, w, h, argb, 0, w);
        Files.createDirectories(file.getParent());
        ImageIO.write(out, "png", file.toFile());
    }
}
