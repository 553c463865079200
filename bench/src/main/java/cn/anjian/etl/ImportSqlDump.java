package cn.anjian.etl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.ClassPathResource;


/**
 * Bench-only: prints the exact statements one import runs (alias variables, stage, load, marts) for a file in our
 * template, as a script the bench's {@code SqlRunner} can time statement by statement. Lives in the etl package
 * to reach {@link StagingSql} and {@link LoadPlans} without widening their visibility.
 *
 * <p>Usage: {@code ImportSqlDump <kind> <batchId> <csv>}
 */
public final class ImportSqlDump {

    public static void main(String[] args) throws Exception {
        System.out.print(String.join("\n", script(ImportKind.fromCode(args[0]).orElseThrow(), Long.parseLong(args[1]),
                Path.of(args[2]))));
    }

    public static List<String> script(ImportKind kind, long batchId, Path csv) throws Exception {
        // the file's own header row, as the import reads it: a ledger may leave the later optional columns out
        String first;
        try (var lines = java.nio.file.Files.lines(csv, java.nio.charset.StandardCharsets.UTF_8)) {
            first = lines.findFirst().orElse("").replace("\uFEFF", "");
        }
        Map<String, String> columns = HeaderMatcher.match(kind, List.of(first.split(","))).orElseThrow();
        List<String> out = new ArrayList<>();
        out.add("-- @step stage");
        for (String sql : StagingSql.aliasVariables()) {
            out.add(sql + ";");
        }
        out.add(StagingSql.stage(LoadPlans.of(kind), batchId, csv, columns, false) + ";");
        out.add("-- @step load");
        for (String sql : StagingSql.load(LoadPlans.of(kind), batchId)) {
            out.add(sql + ";");
        }
        out.add("-- @step marts");
        out.add(new ClassPathResource("sql/marts/hazard_month.sql").getContentAsString(java.nio.charset.StandardCharsets.UTF_8));
        out.add("-- @step cleanup");
        for (String sql : StagingSql.dropStage(batchId)) {
            out.add(sql + ";");
        }
        return out;
    }

    private ImportSqlDump() {
    }

}
