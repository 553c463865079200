package cn.anjian.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.MockMvc;

import cn.anjian.campaign.Campaign.Task;
import cn.anjian.campaign.Campaign.UnitKind;
import cn.anjian.campaign.CampaignStatus.Board;
import cn.anjian.campaign.CampaignStatus.Cell;
import cn.anjian.campaign.CampaignStatus.Status;
import cn.anjian.demo.DemoTownWarehouse;
import cn.anjian.security.Role;
import cn.anjian.security.TestLogins;
import cn.anjian.security.WithAccount;

/**
 * The campaign page's statuses on the demo town: each number and status equals a direct count on the fact tables for
 * the same unit and period; a progress-measured task shows the latest report's status and a missing report 无数据,
 * never 达标; a village cadre sees their village's tasks only.
 */
@WithAccount(Role.ADMIN)
class CampaignStatusTest extends DemoTownWarehouse {

    static final YearMonth JUNE_2023 = YearMonth.of(2023, 6);

    @Autowired
    CampaignStatus statuses;

    @Autowired
    Campaigns campaigns;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MockMvc mvc;

    private Board board() {
        return statuses.board(campaigns.find("2023-三个狠抓").orElseThrow(), JUNE_2023);
    }

    private static Task task(Board board, String id) {
        return board.campaign().tasks().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
    }

    private long sql(String query, Object... args) {
        return jdbc.queryForObject(query, Long.class, args);
    }

    @Test
    void aTrainingTaskCountsEachVillagesTrainingsOfTheQuarterAndADepartmentTheTowns() {
        Board board = board();
        Task task = task(board, "1.3");     // trainings of type safety_skills, at least 1 a quarter
        List<Cell> cells = board.cells(task);
        assertThat(cells).isNotEmpty();
        int met = 0;
        for (Cell cell : cells) {
            String where = "training_type = 'safety_skills' AND training_date BETWEEN DATE '2023-04-01' AND DATE '2023-06-30'";
            long expected = cell.unit().kind() == UnitKind.VILLAGE
                    ? sql("SELECT count(*) FROM fact_training WHERE region_code = ? AND " + where, cell.unit().code())
                    : sql("SELECT count(*) FROM fact_training WHERE " + where);
            assertThat(((Number) cell.measures().get(0).value()).longValue()).as(cell.unit().code()).isEqualTo(expected);
            assertThat(cell.status()).as(cell.unit().code()).isEqualTo(expected >= 1 ? Status.MET : Status.BEHIND);
            assertThat(cell.measures().get(0).townWide()).isEqualTo(cell.unit().kind() == UnitKind.DEPARTMENT);
            assertThat(cell.link()).contains("from=2023-04", "to=2023-06", "training_type=safety_skills");
            met += cell.status() == Status.MET ? 1 : 0;
        }
        assertThat(board.count(task, Status.MET)).isEqualTo(met);
    }

    @Test
    void aTipoffTaskJudgesEachDepartmentOnItsOwnTipoffsOfTheMonth() {
        Board board = board();
        Task task = task(board, "3.2");     // tipoff_on_time_rate 100 % a month
        List<Cell> departments = board.cells(task).stream().filter(c -> c.unit().kind() == UnitKind.DEPARTMENT).toList();
        assertThat(departments).isNotEmpty();
        for (Cell cell : departments) {
            String month = "department_code = ? AND received_date BETWEEN DATE '2023-06-01' AND DATE '2023-06-30'";
            long due = sql("SELECT count(*) FROM fact_tipoff WHERE " + month
                    + " AND (closed_date <= DATE '2023-06-30' OR deadline_date < DATE '2023-06-30')", cell.unit().code());
            long onTime = sql("SELECT count(*) FROM fact_tipoff WHERE " + month
                    + " AND closed_date <= DATE '2023-06-30' AND closed_date <= deadline_date", cell.unit().code());
            Object value = cell.measures().get(0).value();
            if (due == 0) {
                assertThat(value).as(cell.unit().code()).isNull();
                assertThat(cell.status()).isEqualTo(Status.NO_DATA);
            } else {
                assertThat(((Number) value).doubleValue()).as(cell.unit().code())
                        .isCloseTo(onTime / (double) due, org.assertj.core.data.Offset.offset(1e-9));
                assertThat(cell.status()).isEqualTo(onTime == due ? Status.MET : Status.BEHIND);
            }
            assertThat(cell.measures().get(0).townWide()).isFalse();
        }
    }

    @Test
    void aProgressTaskShowsTheLatestReportAndAMissingReportIsNoDataNeverMet() {
        Board board = board();
        int missing = 0;
        int checked = 0;
        for (Task task : board.campaign().tasks().filter(Task::byProgress).toList()) {
            for (Cell cell : board.cells(task)) {
                List<String> latest = jdbc.queryForList("SELECT progress FROM fact_task_progress WHERE task_id = ?"
                        + " AND unit_code = ? AND report_date <= DATE '2023-06-30' ORDER BY report_date DESC, report_no DESC"
                        + " LIMIT 1", String.class, task.id(), cell.unit().code());
                String label = task.id() + " " + cell.unit().code();
                if (latest.isEmpty()) {
                    missing++;
                    assertThat(cell.status()).as(label).isEqualTo(Status.NO_DATA);
                    assertThat(cell.shown().zh()).isEqualTo("未报送");
                } else {
                    assertThat(cell.measures().get(0).value()).as(label).isEqualTo(latest.get(0));
                    assertThat(cell.status()).as(label).isEqualTo("done".equals(latest.get(0)) ? Status.MET : Status.BEHIND);
                }
                assertThat(cell.link()).contains("campaign_task=", "check_unit=");
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(100);
        assertThat(missing).as("unit-task pairs never reported by June").isPositive();
        // the behind list holds every 滞后 cell and every unreported progress task, nothing met
        assertThat(board.behind()).isNotEmpty().noneMatch(c -> c.status() == Status.MET)
                .allMatch(c -> c.status() == Status.BEHIND || c.task().byProgress());
    }

    @Test
    void aTaskOfTwoMeasuresIsMetOnlyWhenBothAreAndTheRatesCountTheCells() {
        Board board = board();
        for (Cell cell : board.cells(task(board, "1.2"))) {
            assertThat(cell.measures()).hasSize(2);
            Status expected = cell.measures().stream().anyMatch(m -> m.status() == Status.BEHIND) ? Status.BEHIND
                    : cell.measures().stream().allMatch(m -> m.status() == Status.MET) ? Status.MET : Status.NO_DATA;
            assertThat(cell.status()).isEqualTo(expected);
        }
        for (CampaignStatus.Rate rate : board.rates()) {
            long tasks = board.campaign().tasks().filter(t -> board.cell(t.id(), rate.unit().code()) != null).count();
            long met = board.campaign().tasks().map(t -> board.cell(t.id(), rate.unit().code()))
                    .filter(c -> c != null && c.status() == Status.MET).count();
            assertThat(rate.tasks()).isEqualTo(tasks);
            assertThat(rate.met()).isEqualTo(met);
        }
        assertThat(board.units()).anyMatch(u -> u.kind() == UnitKind.VILLAGE).anyMatch(u -> u.kind() == UnitKind.DEPARTMENT);
    }

    @Test
    void theDefaultMonthFollowsTheApplicationClockHeldWithinTheCampaign() {
        Campaign c = campaigns.find("2023-三个狠抓").orElseThrow();
        assertThat(statuses.thisMonth()).isEqualTo(YearMonth.of(2026, 6));
        assertThat(statuses.defaultMonth(c)).isEqualTo(YearMonth.of(2023, 12));
    }

    @Test
    void aVillageCadreSeesTheirVillagesTasksOnly() throws Exception {
        String village = jdbc.queryForObject("SELECT region_code FROM dim_region WHERE region_level = 'village'"
                + " AND town_code = ? ORDER BY region_code LIMIT 1", String.class, TOWN);
        Document page = page(TestLogins.village(village), "2023", "6");
        assertThat(page.select(".campaign-matrix__unit")).hasSize(1);
        assertThat(page.select(".campaign-matrix__cell[data-status]").eachAttr("data-unit")).isNotEmpty()
                .allMatch(village::equals);
        assertThat(page.select(".campaign-rates__row").eachAttr("data-unit")).containsExactly(village);
        assertThat(page.select(".campaign-behind__row").eachAttr("data-unit")).allMatch(village::equals);
        assertThat(page.select(".campaign-matrix__link").eachAttr("href"))
                .allMatch(href -> href.contains("village=" + village) || href.contains("check_unit=" + village));

        Document admin = page(TestLogins.admin(), "2023", "6");
        assertThat(admin.select(".campaign-matrix__unit").size()).isGreaterThan(5);
        assertThat(admin.select(".campaign-matrix__task")).hasSize((int) campaigns.find("2023-三个狠抓").orElseThrow()
                .tasks().count());
    }

    @Test
    void theCellsLinkToRowsTheLedgerDashboardAnswersAndEnglishIsOneParameterAway() throws Exception {
        Document page = page(TestLogins.admin(), "2023", "6");
        List<String> links = page.select(".campaign-matrix__link").eachAttr("href").stream().distinct().limit(40).toList();
        assertThat(links).isNotEmpty();
        for (String link : links.stream().filter(l -> l.contains("check_unit=")).limit(3).toList()) {
            String api = link.replace("/dashboards/campaign-ledgers?", "/api/dashboards/campaign-ledgers/panels/progress?");
            mvc.perform(get(java.net.URI.create(api)).with(TestLogins.admin())).andExpect(status().isOk());
        }
        for (String link : links.stream().filter(l -> l.contains("training_type=")).limit(3).toList()) {
            String api = link.replace("/dashboards/campaign-ledgers?", "/api/dashboards/campaign-ledgers/panels/training-list?");
            mvc.perform(get(java.net.URI.create(api)).with(TestLogins.admin())).andExpect(status().isOk());
        }
        Document english = Jsoup.parse(mvc.perform(get("/dashboards/campaign").param("lang", "en").with(TestLogins.admin()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
        assertThat(english.select("#campaign-matrix-title").text()).isEqualTo("Tasks × units");
        assertThat(english.select("select[name=year] option[selected]").text()).isEqualTo("2023");
        assertThat(english.select("select[name=month] option[selected]").text()).isEqualTo("12");
    }

    private Document page(org.springframework.test.web.servlet.request.RequestPostProcessor who, String year,
                          String month) throws Exception {
        return Jsoup.parse(mvc.perform(get("/dashboards/campaign").param("year", year).param("month", month).with(who))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8));
    }
}
