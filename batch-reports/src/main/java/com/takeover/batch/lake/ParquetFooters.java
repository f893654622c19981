package com.takeover.batch.lake;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Checks each file's Parquet footer against a dataset contract before Spark reads it, so a
 * corrupt file or a drifted schema fails with the file and column named instead of deep inside a
 * Spark task. Also gives row counts without a Spark job.
 */
final class ParquetFooters {
    private ParquetFooters() {}

    /** Validates one file and returns its row count. */
    static long check(Path file, DatasetContract contract, Configuration conf) {
        MessageType schema;
        long rows;
        try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
            schema = reader.getFooter().getFileMetaData().getSchema();
            rows = reader.getRecordCount();
        } catch (IOException | RuntimeException e) {
            throw new LakeInputException("invalid " + contract.name() + " file " + file + ": not a readable Parquet file ("
                    + firstLine(e) + ")", e);
        }
        for (String path : contract.columnPaths()) {
            Type found = find(schema, path);
            DataType expected = contract.typeOf(path);
            if (found == null) {
                if (contract.required().contains(path)) {
                    throw new LakeInputException("invalid " + contract.name() + " file " + file
                            + ": required column '" + path + "' is missing");
                }
                continue;
            }
            if (!matches(found, expected)) {
                throw new LakeInputException("invalid " + contract.name() + " file " + file + ": column '" + path
                        + "' has type " + found.toString().trim().replaceAll("\\s+", " ") + ", expected "
                        + DatasetContract.describe(expected));
            }
        }
        return rows;
    }

    private static Type find(GroupType root, String dottedPath) {
        Type t = root;
        for (String part : dottedPath.split("\\.")) {
            if (t.isPrimitive() || !t.asGroupType().containsField(part)) {
                return null;
            }
            t = t.asGroupType().getType(part);
        }
        return t;
    }

    private static boolean matches(Type found, DataType expected) {
        if (expected instanceof StructType) {
            return !found.isPrimitive() && !isList(found);
        }
        if (expected instanceof ArrayType) {
            return isList(found);
        }
        if (!found.isPrimitive() || found.isRepetition(Type.Repetition.REPEATED)) {
            return false;
        }
        PrimitiveType p = found.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        return switch (p.getPrimitiveTypeName()) {
            case INT64 -> expected.equals(DataTypes.LongType) && logical == null;
            case INT32 -> expected.equals(DataTypes.IntegerType)
                    && (logical == null || logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation);
            case DOUBLE -> expected.equals(DataTypes.DoubleType);
            case BOOLEAN -> expected.equals(DataTypes.BooleanType);
            case BINARY -> expected.equals(DataTypes.StringType)
                    && (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                            || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation);
            default -> false;
        };
    }

    private static boolean isList(Type t) {
        if (t.isPrimitive()) {
            return t.isRepetition(Type.Repetition.REPEATED);
        }
        return t.getLogicalTypeAnnotation() instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
                || t.isRepetition(Type.Repetition.REPEATED);
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
