package org.rapaio.jupyter.kernel.channels;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Replaces the kernel's own LoopThread (same name, same constructor and methods; it comes first on
 * the kernel's class path). The kernel's version marks itself running only after Thread.start(), so
 * a channel thread that gets scheduled at once sees "not running" and ends: the kernel then never
 * answers on that channel (seen here as "Kernel didn't respond"). This one is running before it
 * starts, and an error in one iteration is logged instead of ending the channel for good.
 */
public final class LoopThread extends Thread {
    private static final Logger LOG = Logger.getLogger(LoopThread.class.getSimpleName());

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, getName() + ": message loop error, continuing", e);
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
