package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@code anjian.etl.keep-history=false}, the import bench's switch (issue #14): the load step then skips the copy of
 * rewritten rows' prior versions into the history table, and nothing else.
 */
class KeepHistorySwitchTest {

    @Test
    void switchingTheHistoryCopyOffLeavesOutThatOneStatementOnly() {
        for (ImportKind kind : List.of(ImportKind.HAZARDS, ImportKind.INSPECTIONS, ImportKind.ENTERPRISES)) {
            LoadPlan plan = LoadPlans.of(kind);
            List<String> with = StagingSql.load(plan, 7, false);
            List<String> without = StagingSql.load(plan, 7, false, false);

            List<String> copies = with.stream()
                    .filter(s -> s.startsWith("INSERT INTO " + plan.target().history() + " ")).toList();
            assertThat(copies).as(kind.code()).hasSize(1);
            List<String> rest = new ArrayList<>(with);
            rest.removeAll(copies);
            assertThat(without).as(kind.code()).isEqualTo(rest);
        }
    }
}
