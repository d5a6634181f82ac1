package dev.railyard.testsupport;

import atlantafx.base.theme.PrimerLight;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Application;
import javafx.application.Platform;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The JavaFX toolkit for tests and benchmarks that build views without TestFX (Monocle headless when
 * the build sets it up), and a way to run code on its thread and wait for the result.
 */
public final class FxThread {

    private static final long DEFAULT_TIMEOUT_SECONDS = 20;

    private FxThread() {}

    /** Starts the toolkit once per JVM (later calls find it running), keeps it alive without windows, in the app's light theme. */
    public static void start() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        if (!started.await(DEFAULT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the JavaFX toolkit did not start in " + DEFAULT_TIMEOUT_SECONDS + " s");
        }
        Platform.setImplicitExit(false);
        Application.setUserAgentStylesheet(new PrimerLight().getUserAgentStylesheet());
    }

    /** Runs {@code action} on the FX thread and waits for it. */
    public static void onFx(Runnable action) {
        onFx(() -> {
            action.run();
            return null;
        });
    }

    /** Computes on the FX thread and waits (20 s at most); what it throws is rethrown, wrapped. */
    public static <T> T onFx(Callable<T> computation) {
        return onFx(computation, DEFAULT_TIMEOUT_SECONDS);
    }

    /** Already on the FX thread (a wait's condition that reads through a helper), it computes at once instead of deadlocking. */
    public static <T> T onFx(Callable<T> computation, long timeoutSeconds) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Runnable compute = () -> {
            try {
                result.complete(computation.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        };
        if (Platform.isFxApplicationThread()) compute.run();
        else Platform.runLater(compute);
        try {
            return result.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("on the FX thread: " + e.getMessage(), e);
        }
    }

    /**
     * Waits (at most {@code seconds}) until {@code condition}, asked on the FX thread, holds. A scene graph read from
     * the test's own thread races with the FX thread that changes it: a lookup walking a children list the FX thread
     * is replacing threw IndexOutOfBoundsException in a CI run (DemoWindowTest, while the health panel redrew).
     */
    public static void waitFor(long seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition));
    }
}
