package cn.anjian.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;

import cn.anjian.semantic.Catalog;

/**
 * The campaign file holds every numbered task of the plan's task table (the source's own numbering, skipped and
 * repeated numbers included), each with its responsible units as the table names them, resolved, and a measure; a
 * wrong name in it stops the start with the file and line.
 */
class CampaignFileTest {

    static final Path PLAN = Path.of("../shared/domain/campaign-plan-2023.txt");
    static final Path FILE = Path.of("dashboards/campaigns/2023-三个狠抓.yaml");
    static final Map<String, String> DEPARTMENTS = new LinkedHashMap<>();

    static {
        String[][] d = {{"安监所", "safety_office"}, {"派出所", "police"}, {"执法分局", "enforcement_branch"},
                {"民政办", "civil_affairs"}, {"项目办", "project_office"}, {"市场监管所", "market_regulation"},
                {"城建办", "urban_construction"}, {"农综站", "agri_station"}, {"林业站", "forestry_station"}};
        for (String[] x : d) {
            DEPARTMENTS.put(x[0], x[1]);
        }
    }

    record PlanTask(String section, String no, String text, String responsible) {
    }

    /** The task table of the plan: section headers "(一) …", numbered tasks "1.…", each followed by its units. */
    static List<PlanTask> planTable() throws IOException {
        List<String> lines = Files.readAllLines(PLAN, StandardCharsets.UTF_8);
        int start = 0;
        while (!lines.get(start).startsWith("工作任务 |")) {
            start++;
        }
        Pattern section = Pattern.compile("^\\((.+?)\\) .+ \\|$");
        Pattern task = Pattern.compile("^(\\d+)\\.+(.+) \\|$");
        List<PlanTask> tasks = new ArrayList<>();
        String current = null;
        for (int i = start; i < lines.size(); i++) {
            String l = lines.get(i).strip();
            Matcher s = section.matcher(l);
            Matcher t = task.matcher(l);
            if (s.matches()) {
                current = "(" + s.group(1) + ")";
            } else if (t.matches()) {
                String units = lines.get(++i).strip().replaceFirst("\\s*\\|$", "");
                tasks.add(new PlanTask(current, t.group(1), t.group(2), units));
            }
        }
        return tasks;
    }

    Campaign campaign() {
        return new CampaignLoader(new Catalog(), DEPARTMENTS).load(new FileSystemResource(FILE));
    }

    @Test
    void theFileHoldsEveryNumberedTaskOfThePlansTableInOrder() throws IOException {
        List<PlanTask> plan = planTable();
        assertThat(plan).hasSize(54);
        List<PlanTask> file = new ArrayList<>();
        for (Campaign.Pillar p : campaign().pillars()) {
            for (Campaign.Section s : p.sections()) {
                s.tasks().forEach(t -> file.add(new PlanTask(s.no(), t.no(), t.text(), t.responsible())));
            }
        }
        assertThat(file).containsExactlyElementsOf(plan);
    }

    @Test
    void everyTaskHasAResponsibleUnitAndAMeasure() {
        Campaign c = campaign();
        assertThat(c.tasks()).hasSize(54).allSatisfy(t -> {
            assertThat(t.units()).as(t.id()).isNotEmpty();
            assertThat(t.measures()).as(t.id()).isNotEmpty();
        });
        Campaign.Task forest = c.tasks().filter(t -> t.id().equals("14.10")).findFirst().orElseThrow();
        assertThat(forest.departments()).containsExactly("forestry_station", "police");
        assertThat(forest.forVillages()).isFalse();
        Campaign.Task drills = c.tasks().filter(t -> t.id().equals("4.1")).findFirst().orElseThrow();
        assertThat(drills.forVillages()).isTrue();
        assertThat(drills.departments()).hasSize(9);
        assertThat(drills.measures()).singleElement().satisfies(m -> {
            assertThat(m.metric()).isEqualTo("drill_coverage");
            assertThat(m.period()).isEqualTo(Campaign.Period.HALF);
        });
        assertThat(c.tasks().filter(t -> t.no().equals("3") && t.id().startsWith("13."))).hasSize(2);
    }

    @Test
    void anUnknownMetricOrUnitStopsTheLoadNamingFileAndLine() throws IOException {
        String text = Files.readString(FILE);
        String badMetric = text.replaceFirst("metric: drill_coverage", "metric: drill_coverrage");
        int line = lineOf(badMetric, "drill_coverrage");
        assertThatThrownBy(() -> load(badMetric))
                .hasMessageContaining("dashboards/campaigns/2023-三个狠抓.yaml 第 " + line + " 行")
                .hasMessageContaining("drill_coverrage");
        String badUnit = text.replaceFirst("responsible: \"林业站、派出所\"", "responsible: \"林业站、消防队\"");
        int unitLine = lineOf(badUnit, "消防队");
        assertThatThrownBy(() -> load(badUnit))
                .hasMessageContaining("第 " + unitLine + " 行").hasMessageContaining("消防队");
        String badFilter = text.replaceFirst("filters: \\{sector: \\[fire]}", "filters: {sectr: [fire]}");
        assertThatThrownBy(() -> load(badFilter)).hasMessageContaining("第 " + lineOf(badFilter, "sectr") + " 行");
    }

    private static int lineOf(String text, String word) {
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(word)) {
                return i + 1;
            }
        }
        throw new AssertionError(word);
    }

    private static void load(String text) {
        new CampaignLoader(new Catalog(), DEPARTMENTS).load(new ByteArrayResource(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "2023-三个狠抓.yaml";
            }
        });
    }
}
