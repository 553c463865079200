package cn.anjian.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import cn.anjian.demo.DemoTownGenerator.Ledger;
import cn.anjian.security.Role;
import cn.anjian.security.WithAccount;

/**
 * The demo town's dirt through the real import (issue #19 item 15): the importer rejects exactly the rows the
 * generator wrote dirty, each with a reason a clerk can act on, and the late ledger's village-month shows as
 * 未报送 on the data-quality dashboard.
 */
class DemoTownDirtTest extends DemoTownWarehouse {

    /** The fixture's town, generated again: the same seed, scale and day give the same ledgers. */
    private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    @Test
    void theImporterRejectsExactlyTheDirtyRowsTheGeneratorWroteWithReasonsAClerkUnderstands(@TempDir Path dir)
            throws IOException {
        List<Ledger> ledgers = new DemoTownGenerator(20230103L, 0.2).generate(dir, TODAY);
        Map<String, Long> written = ledgers.stream().filter(l -> !l.dirt().isEmpty()).collect(Collectors.toMap(
                Ledger::displayName, l -> (long) l.dirt().size(), Long::sum, TreeMap::new));

        Map<String, Long> rejected = jdbc.query("SELECT file_name, count(*) FROM etl_reject GROUP BY 1",
                (rs, i) -> Map.entry(rs.getString(1), rs.getLong(2))).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Long::sum, TreeMap::new));

        assertThat(rejected).isEqualTo(written).isNotEmpty();
        assertThat(jdbc.queryForList("SELECT reason FROM etl_reject", String.class))
                .allSatisfy(reason -> assertThat(reason).matches(DemoCountyTest.CLERKS_REASONS))
                .anySatisfy(reason -> assertThat(reason).startsWith("未知的村"))
                .anySatisfy(reason -> assertThat(reason).isEqualTo("整改期限早于发现日期"))
                .anySatisfy(reason -> assertThat(reason).isEqualTo("不是有效金额"))
                .anySatisfy(reason -> assertThat(reason).contains("编号"));
    }

    @Test
    @WithAccount(value = Role.LEADER, scope = TOWN)
    void theLateLedgersVillageShowsAsNotReportedForItsMonth(@TempDir Path dir) throws Exception {
        Ledger late = new DemoTownGenerator(20230103L, 0.2).generate(dir, TODAY).stream().filter(Ledger::late)
                .findFirst().orElseThrow();
        String village = late.file().getFileName().toString().split("-")[2];

        String body = mvc.perform(get("/api/dashboards/data-quality/panels/missing")
                        .param("from", "2026-04").param("to", "2026-04"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(body).contains(village);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM fact_inspection WHERE region_code = ?"
                + " AND date_trunc('month', inspection_date) = DATE '2026-04-01'", Long.class, village)).isZero();
    }
}
