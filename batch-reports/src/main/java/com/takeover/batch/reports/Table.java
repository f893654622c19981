package com.takeover.batch.reports;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A finished report table: named, typed columns and rows in their final order. Small (it is read
 * by managers), built on the driver, written as CSV and Parquet by the renderer.
 */
public record Table(String name, List<Column> columns, List<Object[]> rows) {

    public enum Type { STRING, LONG, DOUBLE }

    public record Column(String name, Type type, String description) {}

    public int index(String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " has no column " + column);
    }

    public Object value(int row, String column) {
        return rows.get(row)[index(column)];
    }

    public double dbl(int row, String column) {
        Object v = value(row, column);
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    public long lng(int row, String column) {
        return ((Number) value(row, column)).longValue();
    }

    public String str(int row, String column) {
        return (String) value(row, column);
    }

    /** Index of the first row whose columns equal the given name/value pairs, or -1. */
    public int find(Object... nameValuePairs) {
        outer:
        for (int r = 0; r < rows.size(); r++) {
            for (int i = 0; i < nameValuePairs.length; i += 2) {
                if (!Objects.equals(value(r, (String) nameValuePairs[i]), nameValuePairs[i + 1])) {
                    continue outer;
                }
            }
            return r;
        }
        return -1;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();
        private final List<Object[]> rows = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder string(String column, String description) {
            columns.add(new Column(column, Type.STRING, description));
            return this;
        }

        public Builder lng(String column, String description) {
            columns.add(new Column(column, Type.LONG, description));
            return this;
        }

        public Builder dbl(String column, String description) {
            columns.add(new Column(column, Type.DOUBLE, description));
            return this;
        }

        /** Values in column order; NaN doubles are stored as null (no value). */
        public Builder row(Object... values) {
            if (values.length != columns.size()) {
                throw new IllegalArgumentException(name + ": row has " + values.length + " values for "
                        + columns.size() + " columns: " + Arrays.toString(values));
            }
            Object[] copy = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                Object v = values[i];
                Type t = columns.get(i).type();
                if (v instanceof Double d && d.isNaN()) {
                    v = null;
                } else if (v != null && t == Type.LONG) {
                    v = ((Number) v).longValue();
                } else if (v != null && t == Type.DOUBLE) {
                    v = ((Number) v).doubleValue();
                }
                copy[i] = v;
            }
            rows.add(copy);
            return this;
        }

        public Table build() {
            return new Table(name, List.copyOf(columns), List.copyOf(rows));
        }
    }
}
