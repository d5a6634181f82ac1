package dev.railyard.engine.images;

/**
 * Answers whether an image can be pulled: {@link RegistryClient} asks the image's registry over HTTPS; the
 * demo's simulation answers from the list Railyard ships.
 */
@FunctionalInterface
public interface ImageRegistry {
    RegistryClient.Result check(String image);
}
