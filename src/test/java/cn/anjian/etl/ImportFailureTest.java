package cn.anjian.etl;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

/** What a user reads of a failure: short, in Chinese, with file and line, without server paths. */
class ImportFailureTest {

    @Test
    void aLongDuckDbErrorBecomesAShortReasonWithTheFileAndLineAndNoServerPath() {
        String raw = "Invalid Input Error: CSV Error on Line: 42\nOriginal Line: YH-1,\"2023\nExpected Number of Columns: 23 "
                + "Found: 24\nPossible fixes: ... file=/srv/anjian/data/work/utf8-17.csv " + "x".repeat(10_000);
        LedgerFormatException e = ImportFailure.unreadable("隐患台账.csv", new RuntimeException("wrapped", new SQLException(raw)));

        assertThat(e.getMessage()).startsWith("文件「隐患台账.csv」第 42 行无法读取").hasSizeLessThan(200)
                .doesNotContain("/srv").doesNotContain("Invalid Input");
        String reason = ImportFailure.reason(17, "隐患台账.csv", e);
        assertThat(reason).isEqualTo(e.getMessage());
    }

    @Test
    void aMessageLosesItsServerPathsAndIsCut() {
        String shortened = ImportFailure.shorten("无法读取 /srv/anjian/data/work/uploads/17-台账.csv: " + "很长".repeat(1000));
        assertThat(shortened).contains("17-台账.csv").doesNotContain("/srv").hasSizeLessThanOrEqualTo(ImportFailure.MAX_LENGTH + 1);
    }
}
