package cn.anjian.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import cn.anjian.semantic.SectorTree;

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
 * Detail rows of a fact under the filters and the user's {@link RowScope}, streamed: CSV and Parquet are written
 * by DuckDB itself ({@link CopyStreams}); XLSX reads a JDBC result set row by row (fetch size {@value #FETCH_SIZE})
 * into a streaming workbook, so the Java heap holds a window of rows whatever the size of the export.
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
    private final CopyStreams copies;

    FactExports(DSLContext dsl, FilterParser parser, RowScope scope, CopyStreams copies) {
        this.dsl = dsl;
        this.parser = parser;
        this.scope = scope;
        this.copies = copies;
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
     * codes were checked against the reference tables by the parser and travel as bind values. For CSV, which
     * DuckDB writes itself, text columns come out of the query already safe from formula injection
     * ({@code anj_formula_safe}, the SQL twin of {@link Cells#neutralize}); the XLSX writer does it per cell, and
     * Parquet, for analysts' tools rather than spreadsheets, keeps the text as stored.
     */
    Select<?> query(Fact fact, Filters filters, ExportFormat format) {
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
            where = where.and(filter.equals(FilterParser.SECTOR) ? SectorTree.inOrUnder(column, e.getValue())
                    : column.in(e.getValue()));
        }
        List<SelectField<?>> select = new ArrayList<>();
        for (Fact.Column c : fact.columns()) {
            Field<Object> value = DSL.field(c.sql());
            select.add((format == ExportFormat.CSV && c.kind().equals(ColumnKind.TEXT)
                    ? DSL.field("anj_formula_safe({0})", Object.class, value) : value).as(c.header()));
        }
        return dsl.select(select).from(from).where(where)
                .orderBy(day, DSL.field(name("f", fact.key())));
    }

    /** Writes the query's rows (made by {@link #query} for the same format); returns the row count. */
    long write(Fact fact, Select<?> query, ExportFormat format, OutputStream out) throws IOException {
        return switch (format) {
            case CSV -> copies.csv(query, out);
            case PARQUET -> copies.parquet(query, out);
            case XLSX -> writeXlsx(fact, query, out);
        };
    }

    private long writeXlsx(Fact fact, Select<?> query, OutputStream out) throws IOException {
        String sql = query.getSQL();
        List<Object> binds = query.getBindValues();
        List<Fact.Column> columns = fact.columns();
        ColumnKind[] kinds = columns.stream().map(Fact.Column::kind).toArray(ColumnKind[]::new);
        try (TableSink sink = TableSink.of(ExportFormat.XLSX, out)) {
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
                                row[i] = text == null ? null : typed(kinds[i], text);
                            }
                            sink.row(row);
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

    private static void bind(PreparedStatement ps, List<Object> binds) throws SQLException {
        for (int i = 0; i < binds.size(); i++) {
            Object b = binds.get(i) instanceof Param<?> p ? p.getValue() : binds.get(i);
            ps.setObject(i + 1, b instanceof LocalDate d ? java.sql.Date.valueOf(d) : b);
        }
    }

    private static Object typed(ColumnKind kind, String text) {
        if (kind.equals(ColumnKind.DATE)) {
            return LocalDate.parse(text);
        }
        if (kind.equals(ColumnKind.INTEGER)) {
            return Long.valueOf(text);
        }
        return kind.equals(ColumnKind.TEXT) ? text : new BigDecimal(text);
    }
}
