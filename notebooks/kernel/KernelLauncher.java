package com.takeover.notebooks;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts the rapaio Java kernel the way its own main does, minus a start-up race: the kernel binds
 * its sockets before it registers its message handlers, and Jupyter queues a kernel_info request
 * that arrives in between — the shell thread then dies on a NullPointerException and the kernel
 * never answers ("Kernel didn't respond"). Here the shell thread waits for the handlers instead.
 * Also starts java.util.logging at INFO rather than the kernel's FINEST, which breaks Spark's code
 * generation.
 *
 * <p>Compiled by notebooks/setup against the kernel jar; kernel.json runs it with the jar on the class path.
 */
public final class KernelLauncher {
    private KernelLauncher() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: KernelLauncher <connection file>");
        }
        LogManager.getLogManager().readConfiguration(MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
        Logger.getLogger("").setLevel(Level.INFO);
        String json = Files.readString(Path.of(args[0]), StandardCharsets.UTF_8);
        ConnectionProperties props = Transform.fromJson(json, ConnectionProperties.class);

        Channels channels = new Channels(props);
        Field handlers = Channels.class.getDeclaredField("handlers");
        handlers.setAccessible(true);
        CountDownLatch registered = new CountDownLatch(1);
        handlers.set(channels, new WaitingHandlers(channels, handlers, registered));
        channels.connect(MainApp.kernel);
        registered.countDown();
        channels.joinUntilClose();
    }

    /** Stands in for the handler map until connect() has put the real one in place, then reads that one. */
    private static final class WaitingHandlers extends AbstractMap<Object, Object> {
        private final Channels channels;
        private final Field field;
        private final CountDownLatch registered;

        WaitingHandlers(Channels channels, Field field, CountDownLatch registered) {
            this.channels = channels;
            this.field = field;
            this.registered = registered;
        }

        @Override
        public Object get(Object type) {
            try {
                registered.await();
                Object real = field.get(channels);
                return real == this ? null : ((Map<?, ?>) real).get(type);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return Set.of();
        }
    }
}
