package cn.anjian.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.anjian.semantic.FilterParser;
import cn.anjian.semantic.Filters;
import cn.anjian.semantic.InvalidFilterException;
import cn.anjian.semantic.RowScope;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Select;
import org.jooq.SelectField;
import org.jooq.Table;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Service;

import static org.jooq.impl.DSL.name;

/**
 * Detail rows of a fact under the filters and the user's {@link RowScope}, streamed: CSV and XLSX read a JDBC
 * result set row by row (fetch size {@value #FETCH_SIZE}) straight into the writer, so the Java heap holds a
 * window of rows whatever the size of the export; Parquet is DuckDB's own {@code COPY … TO} into a temp file that
 * is streamed out and deleted.
 */
@Service
class FactExports {

    static final int FETCH_SIZE = 10_000;
    /** All time: a detail export without {@code from}/{@code to} exports every row. */
    static final Filters ALL_TIME = new Filters(YearMonth.of(1900, 1), YearMonth.of(2999, 12), List.of(), List.of());
    private static final Set<String> SUPPORTED = Set.of(FilterParser.SECTOR, FilterParser.VILLAGE, "town",
            "department", "hazard_level");

    private final DSLContext dsl;
    private final FilterParser parser;
    private final RowScope scope;

    FactExports(DSLContext dsl, FilterParser parser, RowScope scope) {
        this.dsl = dsl;
        this.parser = parser;
        this.scope = scope;
    }

    /** The validated filters of a request, as the echo map the audit and file names use. */
    Filters filters(Map<String, List<String>> params) {
        return parser.parse(params, ALL_TIME, Set.of());
    }

    static Map<String, Object> echo(Filters filters) {
        Map<String, Object> echo = new LinkedHashMap<>();
        echo.put("from", filters.from().toString());
        echo.put("to", filters.to().toString());
        echo.putAll(filters.allCodes());
        return echo;
    }

    /**
     * The export's query, built in the request's thread (where the user, hence the row scope, is known). Filter
     * codes were checked against the reference tables by the parser and travel as bind values.
     */
    Select<?> query(Fact fact, Filters filters) {
        Table<?> f = DSL.table(name(fact.table())).as("f");
        Table<?> v = DSL.table(name("dim_region")).as("v");
        Table<?> t = DSL.table(name("dim_region")).as("t");
        Table<?> s = DSL.table(name("dim_sector")).as("s");
        Field<String> region = DSL.field(name("f", "region_code"), String.class);
        var from = f.leftJoin(v).on(DSL.field(name("v", "region_code"), String.class).eq(region))
                .leftJoin(t).on(DSL.field(name("t", "region_code"), String.class)
                        .eq(DSL.field(name("v", "parent_code"), String.class)))
                .leftJoin(s).on(DSL.field(name("s", "sector_code"), String.class)
                        .eq(DSL.field(name("f", "sector_code"), String.class)));
        if (fact.hasDepartment()) {
            from = from.leftJoin(DSL.table(name("dim_department")).as("d"))
                    .on(DSL.field(name("d", "department_code"), String.class)
                            .eq(DSL.field(name("f", "department_code"), String.class)));
        }
        Field<LocalDate> day = DSL.field(name("f", fact.dateColumn()), LocalDate.class);
        Condition where = day.ge(filters.from().atDay(1)).and(day.lt(filters.to().plusMonths(1).atDay(1)))
                .and(scope.regions(region));
        for (var e : filters.allCodes().entrySet()) {
            String filter = e.getKey();
            Field<String> column = switch (filter) {
                case FilterParser.SECTOR -> DSL.field(name("f", "sector_code"), String.class);
                case FilterParser.VILLAGE -> region;
                case "town" -> DSL.field(name("v", "parent_code"), String.class);
                case "department" -> fact.hasDepartment() ? DSL.field(name("f", "department_code"), String.class)
                        : null;
                case "hazard_level" -> fact == Fact.HAZARDS ? DSL.field(name("f", "hazard_level"), String.class)
                        : null;
                default -> null;
            };
            if (column == null) {
                throw new InvalidFilterException(filter, "参数 " + filter + " 不能用于" + fact.title() + "导出 (supported: "
                        + SUPPORTED + ")");
            }
            where = where.and(column.in(e.getValue()));
        }
        List<SelectField<?>> select = new ArrayList<>();
        for (Fact.Column c : fact.columns()) {
            select.add(DSL.field(c.sql()).as(c.header()));
        }
        return dsl.select(select).from(from).where(where)
                .orderBy(day, DSL.field(name("f", fact.key())));
    }

    /** Streams the query's rows into a CSV or XLSX writer; returns the row count. */
    long write(Fact fact, Select<?> query, ExportFormat format, OutputStream out) throws IOException {
        String sql = query.getSQL();
        List<Object> binds = query.getBindValues();
        List<Fact.Column> columns = fact.columns();
        ColumnKind[] kinds = columns.stream().map(Fact.Column::kind).toArray(ColumnKind[]::new);
        try (TableSink sink = TableSink.of(format, out)) {
            sink.table(fact.title(), columns.stream().map(Fact.Column::header).toList(), List.of(kinds));
            return dsl.connectionResult(connection -> {
                try (PreparedStatement ps = connection.prepareStatement(sql)) {
                    bind(ps, binds);
                    ps.setFetchSize(FETCH_SIZE);
                    long rows = 0;
                    try (ResultSet rs = ps.executeQuery()) {
                        Object[] row = new Object[kinds.length];
                        while (rs.next()) {
                            for (int i = 0; i < kinds.length; i++) {
                                String text = rs.getString(i + 1);
                                row[i] = text == null || format == ExportFormat.CSV ? text : typed(kinds[i], text);
                            }
                            if (sink instanceof CsvSink csv) {
                                csv.row(row, kinds);
                            } else {
                                sink.row(row);
                            }
                            rows++;
                        }
                    }
                    return rows;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /**
     * DuckDB writes the Parquet file itself. {@code COPY} takes no bind parameters, so the query is rendered with
     * its values inlined; they are safe to inline because the parser admitted only codes from the reference
     * tables and dates it built itself, and jOOQ escapes literals anyway.
     */
    long writeParquet(Select<?> query, OutputStream out, Path workDir) throws IOException {
        Files.createDirectories(workDir);
        Path file = Files.createTempFile(workDir, "export-", ".parquet");
        Files.delete(file);
        try {
            String sql = "COPY (" + dsl.renderInlined(query) + ") TO '" + file.toString().replace("'", "''")
                    + "' (FORMAT parquet, COMPRESSION zstd)";
            long rows = dsl.connectionResult(connection -> {
                try (Statement st = connection.createStatement()) {
                    if (st.execute(sql)) {
                        try (ResultSet rs = st.getResultSet()) {
                            return rs.next() ? rs.getLong(1) : -1L;
                        }
                    }
                    return (long) st.getUpdateCount();
                }
            });
            Files.copy(file, out);
            return rows;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> binds) throws SQLException {
        for (int i = 0; i < binds.size(); i++) {
            Object b = binds.get(i) instanceof Param<?> p ? p.getValue() : binds.get(i);
            ps.setObject(i + 1, b instanceof LocalDate d ? java.sql.Date.valueOf(d) : b);
        }
    }

    private static Object typed(ColumnKind kind, String text) {
        return switch (kind) {
            case TEXT -> text;
            case DATE -> LocalDate.parse(text);
            case INTEGER -> Long.valueOf(text);
            case DECIMAL -> new BigDecimal(text);
        };
    }
}
