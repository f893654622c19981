package com.takeover.batch.lake;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Typed readers of the lake ({@code <lake>/<dataset>/dt=YYYY-MM-DD/*.parquet}). Every file's footer
 * is checked against the dataset's contract first; Spark then reads only the contract's columns.
 */
public final class LakeReader {
    private static final Logger LOG = LoggerFactory.getLogger(LakeReader.class);

    private final SparkSession spark;
    private final Path root;
    private final Configuration conf;

    public LakeReader(SparkSession spark, String lakeRoot) {
        this.spark = spark;
        this.root = new Path(lakeRoot);
        this.conf = spark.sparkContext().hadoopConfiguration();
    }

    public LakeRead conversations(DateRange range) {
        return read(DatasetContract.CONVERSATIONS, new Path(root, "conversations"), range, true);
    }

    public LakeRead alerts(DateRange range) {
        return read(DatasetContract.ALERTS, new Path(root, "alerts"), range, false);
    }

    public LakeRead takeovers(DateRange range) {
        return read(DatasetContract.TAKEOVERS, new Path(root, "takeovers"), range, false);
    }

    /**
     * Outcomes from the lake's {@code outcomes/}, or from {@code override}: a CSV export (a .csv file
     * or a folder of them) or a Parquet folder laid out like the lake.
     */
    public LakeRead outcomes(DateRange range, String override) {
        if (override == null) {
            return read(DatasetContract.OUTCOMES, new Path(root, "outcomes"), range, false);
        }
        Path p = new Path(override);
        FileSystem fs = fs(p);
        try {
            if (!fs.exists(p)) {
                throw new LakeInputException("missing outcomes input: " + p + " does not exist");
            }
            List<Path> csv = new ArrayList<>();
            if (fs.getFileStatus(p).isFile()) {
                if (p.getName().endsWith(".csv")) {
                    csv.add(p);
                } else {
                    return logged(readFiles(DatasetContract.OUTCOMES, List.of(p), range));
                }
            } else {
                collectCsv(fs, p, csv);
            }
            if (!csv.isEmpty()) {
                return OutcomesCsv.read(spark, csv, conf);
            }
            return read(DatasetContract.OUTCOMES, p, range, true);
        } catch (IOException e) {
            throw new LakeInputException("cannot read outcomes input " + p + ": " + e.getMessage(), e);
        }
    }

    private void collectCsv(FileSystem fs, Path dir, List<Path> out) throws IOException {
        FileStatus[] list = fs.listStatus(dir);
        Arrays.sort(list, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus s : list) {
            String name = s.getPath().getName();
            if (name.startsWith("_") || name.startsWith(".")) {
                continue;
            }
            if (s.isDirectory()) {
                collectCsv(fs, s.getPath(), out);
            } else if (name.endsWith(".csv")) {
                out.add(s.getPath());
            }
        }
    }

    private LakeRead read(DatasetContract contract, Path dir, DateRange range, boolean mustExist) {
        FileSystem fs = fs(dir);
        List<Path> files = new ArrayList<>();
        try {
            if (!fs.exists(dir)) {
                if (mustExist) {
                    throw new LakeInputException("missing input: " + contract.name() + " dataset " + dir + " does not exist");
                }
                LOG.warn("{}: {} does not exist; reading it as empty", contract.name(), dir);
            } else {
                for (LocalDate day : range.days()) {
                    Path part = new Path(dir, "dt=" + day);
                    if (!fs.exists(part)) {
                        continue;
                    }
                    FileStatus[] list = fs.listStatus(part);
                    Arrays.sort(list, Comparator.comparing(s -> s.getPath().getName()));
                    for (FileStatus s : list) {
                        String name = s.getPath().getName();
                        // Hidden and in-progress files (_SUCCESS, .part-...inprogress, .crc) are not data
                        if (s.isFile() && !name.startsWith("_") && !name.startsWith(".") && !name.endsWith(".crc")) {
                            files.add(s.getPath());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new LakeInputException("cannot list " + contract.name() + " dataset " + dir + ": " + e.getMessage(), e);
        }
        return logged(readFiles(contract, files, range));
    }

    private LakeRead readFiles(DatasetContract contract, List<Path> files, DateRange range) {
        long rows = 0;
        for (Path f : files) {
            rows += ParquetFooters.check(f, contract, conf);
        }
        Dataset<Row> ds = files.isEmpty()
                ? spark.createDataFrame(List.of(), contract.readSchema())
                : spark.read().schema(contract.readSchema())
                        .parquet(files.stream().map(Path::toString).toArray(String[]::new));
        return new LakeRead(contract.name() + " (" + range + ")", ds,
                files.stream().map(Path::toString).toList(), rows, 0, List.of());
    }

    private static LakeRead logged(LakeRead r) {
        LOG.info("read {}: {} rows from {} files", r.dataset(), r.rowCount(), r.files().size());
        return r;
    }

    private FileSystem fs(Path p) {
        try {
            return p.getFileSystem(conf);
        } catch (IOException e) {
            throw new LakeInputException("cannot open file system of " + p + ": " + e.getMessage(), e);
        }
    }
}
