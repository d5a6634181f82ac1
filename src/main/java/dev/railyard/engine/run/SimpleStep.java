package dev.railyard.engine.run;

/** A step given as a name, a title and a body. */
public record SimpleStep(String name, String title, Body body, boolean isPreflight) implements Step {

    @FunctionalInterface
    public interface Body {
        void run(StepContext context) throws Exception;
    }

    public SimpleStep(String name, String title, Body body) {
        this(name, title, body, false);
    }

    @Override
    public void run(StepContext context) throws Exception {
        body.run(context);
    }
}
