package com.takeover.batch.job;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The report folder: {@code <out>/dt=YYYY-MM-DD/} per date. A date is written into
 * {@code <out>/_staging/dt=...} and then swapped in by rename, {@code _SUCCESS} written last, so a
 * reader sees either the previous complete output or the new complete one. The old folder is
 * parked in {@code <out>/_replaced/} during the swap; {@link #recover()} puts it back if a run died
 * between the two renames.
 */
public final class OutputStore {
    private static final Logger LOG = LoggerFactory.getLogger(OutputStore.class);
    public static final String SUCCESS = "_SUCCESS";

    private final FileSystem fs;
    private final Path root;
    private final Configuration conf;

    public OutputStore(String out, Configuration conf) throws IOException {
        this.root = new Path(out);
        this.conf = conf;
        this.fs = root.getFileSystem(conf);
        // Local outputs: no .crc side files next to the reports
        fs.setWriteChecksum(false);
    }

    public FileSystem fs() {
        return fs;
    }

    public Configuration conf() {
        return conf;
    }

    public Path dateDir(LocalDate d) {
        return new Path(root, "dt=" + d);
    }

    private Path staging(LocalDate d) {
        return new Path(new Path(root, "_staging"), "dt=" + d);
    }

    private Path parked(LocalDate d) {
        return new Path(new Path(root, "_replaced"), "dt=" + d);
    }

    /** Restores folders parked by a run that died mid-swap and drops leftover staging folders. */
    public void recover() throws IOException {
        Path replaced = new Path(root, "_replaced");
        if (fs.exists(replaced)) {
            for (FileStatus s : fs.listStatus(replaced)) {
                Path live = new Path(root, s.getPath().getName());
                if (!fs.exists(live)) {
                    LOG.warn("restoring {} left aside by an interrupted run", live);
                    fs.rename(s.getPath(), live);
                } else {
                    fs.delete(s.getPath(), true);
                }
            }
            fs.delete(replaced, true);
        }
        fs.delete(new Path(root, "_staging"), true);
    }

    /** A fresh, empty staging folder for one date. */
    public Path begin(LocalDate d) throws IOException {
        Path dir = staging(d);
        fs.delete(dir, true);
        if (!fs.mkdirs(dir)) {
            throw new IOException("cannot create " + dir);
        }
        return dir;
    }

    /** Marks the staged date complete and swaps it in place of the previous output. */
    public Path publish(LocalDate d) throws IOException {
        Path dir = staging(d);
        try (OutputStream o = fs.create(new Path(dir, SUCCESS), true)) {
            o.write(("dt=" + d + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Path live = dateDir(d);
        Path old = parked(d);
        if (fs.exists(live)) {
            fs.delete(old, true);
            fs.mkdirs(old.getParent());
            if (!fs.rename(live, old)) {
                throw new IOException("cannot move " + live + " aside to " + old);
            }
        }
        if (!fs.rename(dir, live)) {
            throw new IOException("cannot move " + dir + " to " + live);
        }
        fs.delete(old, true);
        return live;
    }

    /** Drops the staging folder of a date that failed; the previous output stays as it was. */
    public void abandon(LocalDate d) {
        try {
            fs.delete(staging(d), true);
        } catch (IOException e) {
            LOG.warn("cannot remove {}: {}", staging(d), e.getMessage());
        }
    }

    public void cleanUp() throws IOException {
        fs.delete(new Path(root, "_staging"), true);
        fs.delete(new Path(root, "_replaced"), true);
    }
}
