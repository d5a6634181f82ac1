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

    /** What a screenshot shows, roughly: its size, how many colours (a blank frame has one) and how light it is. */
    public record Stats(int width, int height, int colours, double meanLuminance) {}

    public static Stats stats(Path png) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        double luminance = 0;
        int samples = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                colours.add(rgb);
                luminance += (0.2126 * (rgb >> 16) + 0.7152 * ((rgb >> 8) & 0xFF) + 0.0722 * (rgb & 0xFF)) / 255;
                samples++;
            }
        }
        return new Stats(image.getWidth(), image.getHeight(), colours.size(), samples == 0 ? 0 : luminance / samples);
    }
}
