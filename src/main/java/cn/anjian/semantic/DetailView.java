package cn.anjian.semantic;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.SortField;

/**
 * A list of rows rather than aggregates (overdue hazards, major hazards, villages without a ledger), for table
 * panels. Declared in the catalogue like metrics and run by the same builder, so filters, the as-of date and the
 * row scope apply to it the same way.
 *
 * @param id     stable identifier used in dashboard files ({@code detail:}) and the API
 * @param label  what users read
 * @param source the table the rows come from; filters apply through its columns
 * @param fields the columns, in order
 * @param where  which rows belong to the view (besides the filters), e.g. open and past the deadline
 * @param order  the rows' order
 */
public record DetailView(String id, Label label, Source source, List<Field> fields, Function<From, Condition> where,
                         Function<From, List<SortField<?>>> order) {

    public DetailView {
        Objects.requireNonNull(id, "id");
        fields = List.copyOf(fields);
    }

    /**
     * One column of a detail view.
     *
     * @param format {@code text}, {@code date}, {@code count}, {@code yuan}, {@code days} or {@code flag}
     * @param members where a coded value's label comes from ({@code NONE} for plain values)
     */
    public record Field(String id, Label label, String format, Dimension.MemberKind members,
                        Function<From, org.jooq.Field<?>> value) {

        /** The unit of a number column (元, 天), {@code null} for the others. */
        public Label unit() {
            return switch (format) {
                case "yuan" -> Label.of("元", "yuan");
                case "days" -> Label.of("天", "days");
                default -> null;
            };
        }

        /** How a number column is shown ({@code null} for text, dates and flags). */
        public Display display() {
            return Display.ofField(format);
        }
    }
}
