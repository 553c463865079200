package cn.anjian.etl;

import java.util.List;

/**
 * How one record type goes from ledger text to warehouse rows, as set-based DuckDB SQL over DuckDB's own CSV reader.
 * (DESIGN §4 expected ~60 % of a plain COPY's speed this way; measured on a 23-column hazard ledger it is about a
 * quarter, because every cell is trimmed and parsed where COPY only stores text: bench/RESULTS.md.)
 *
 * <p>Expressions name cells as {@code ${field}} (the trimmed text of that template column; NULL when the cell is
 * blank or the file lacks the column) and parsed values by their output column names.
 *
 * @param kind      the record type
 * @param values    parsed output columns, in order: name and expression over raw cells
 * @param checks    row checks over parsed columns and raw cells; each failing check is one reject line
 * @param warnings  what a loaded row's reading assumed (a year taken from the title, a contradicting status …); each
 *                  one that holds is a line in {@code etl_warning}, and the row loads
 * @param key       the natural key column (unique in the warehouse: the import keeps it so)
 * @param upsert    SQL that upserts the accepted rows from {@code ${accepted}} into the warehouse; a statement
 *                  that needs only some of them names them {@code ${accepted WHERE <condition on s>}} (a condition
 *                  without a closing brace)
 * @param target    the table the upsert writes, for its history and withdrawal
 */
record LoadPlan(ImportKind kind, List<Value> values, List<Check> checks, List<Warning> warnings, String key,
                String upsert, Target target) {

    /**
     * The table an import writes, as its history sees it.
     *
     * @param table    the table; its history is {@code <table>_history}
     * @param identity the columns that name one row of it (the key; an enterprise's key and valid_from)
     * @param live     condition on {@code t}: the version of a key an accepted row is matched with (an enterprise's
     *                 current version), or {@code true}
     * @param changed  condition on the matched {@code t} and the accepted row {@code s}: the upsert rewrites {@code t}
     */
    record Target(String table, List<String> identity, String live, String changed) {

        String history() {
            return table + "_history";
        }
    }


    /** A parsed column. */
    record Value(String name, String expression) {
    }

    /**
     * A reason to reject a row: when {@code failsWhen} is true, the row is rejected with {@code reason}, naming
     * the ledger column of {@code field}; {@code reasonSql}, when set, is an SQL expression over the row (its
     * {@code ${field}} placeholders as in {@code failsWhen}) that says more, built only for the rows that fail.
     */
    record Check(String field, String failsWhen, String reason, String reasonSql) {

        Check(String field, String failsWhen, String reason) {
            this(field, failsWhen, reason, null);
        }
    }

    /**
     * A note on a row that loads: when {@code when} holds, {@code messageSql} (an SQL expression over the row, like a
     * check's {@code reasonSql}) says what was assumed, naming the ledger column of {@code field}.
     */
    record Warning(String field, String when, String messageSql) {
    }

    static Value value(String name, String expression) {
        return new Value(name, expression);
    }

    static Check check(String field, String failsWhen, String reason) {
        return new Check(field, failsWhen, reason);
    }
}
