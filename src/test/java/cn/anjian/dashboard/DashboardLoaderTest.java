package cn.anjian.dashboard;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import cn.anjian.semantic.Catalog;
import cn.anjian.semantic.Label;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Dashboard files: the shipped one loads, and a broken one stops the start with the file and key named. */
class DashboardLoaderTest {

    private final DashboardLoader loader = new DashboardLoader(new Catalog());

    @Test
    void theHazardTrendsFileLoads() {
        Dashboard dashboard = loader.load(new ClassPathResource("dashboards/hazard-trends.yaml"));

        assertThat(dashboard.id()).isEqualTo("hazard-trends");
        assertThat(dashboard.title()).isEqualTo(Label.of("隐患趋势", "Hazard trends"));
        assertThat(dashboard.defaults().lastMonths()).isEqualTo(12);
        assertThat(dashboard.panels()).extracting(Panel::chart)
                .containsExactly(ChartType.KPI, ChartType.STACKED_BAR, ChartType.BAR_RANKING);
        assertThat(dashboard.panel("villages")).get().extracting(Panel::limit).isEqualTo(30);
    }

    @Test
    void anUnknownMetricIsNamedWithItsFileAndKey() {
        assertThatThrownBy(() -> load("""
                id: broken
                title: 坏看板
                panels:
                  - id: a
                    title: 图
                    chart: kpi
                    metrics: [hazards_lost]
                """)).hasMessageContaining("dashboards/broken.yaml").hasMessageContaining("panels[0].metrics")
                .hasMessageContaining("hazards_lost");
    }

    @Test
    void anUnknownChartTypeOrDimensionIsRejected() {
        assertThatThrownBy(() -> load("""
                id: broken
                title: 坏看板
                panels:
                  - {id: a, title: 图, chart: pie3d, metrics: [hazards_found]}
                """)).hasMessageContaining("panels[0].chart").hasMessageContaining("pie3d");
        assertThatThrownBy(() -> load("""
                id: broken
                title: 坏看板
                panels:
                  - {id: a, title: 图, chart: line, metrics: [hazards_found], dimensions: [weekday]}
                """)).hasMessageContaining("panels[0].dimensions").hasMessageContaining("weekday");
    }

    @Test
    void anEnglishTextCutAtItsFirstCommaStopsTheStart() {
        assertThatThrownBy(() -> load("""
                id: broken
                title: {zh: 闭环整改, en: Closed loop}
                description: {zh: 发现、整改、销号的闭环情况与逾期清单, en: Found, rectified and closed; the overdue list}
                panels:
                  - {id: a, title: 图, chart: kpi, metrics: [hazards_found]}
                """)).hasMessageContaining("description").hasMessageContaining("quote");
        assertThatThrownBy(() -> load("""
                id: broken
                title: {zh: 各村(社区)和部门月度排查开展情况, en: Monthly}
                panels:
                  - {id: a, title: 图, chart: kpi, metrics: [hazards_found]}
                """)).hasMessageContaining("title.en").hasMessageContaining("cut short");
        Dashboard quoted = load("""
                id: fine
                title: {zh: 闭环整改, en: Closed loop}
                description: {zh: 发现、整改、销号的闭环情况与逾期清单, en: "Found, rectified and closed; the overdue list"}
                panels:
                  - {id: a, title: 图, chart: kpi, metrics: [hazards_found]}
                """);
        assertThat(quoted.description().en()).isEqualTo("Found, rectified and closed; the overdue list");
    }

    @Test
    void duplicatePanelIdsAndBadSortKeysAreRejected() {
        assertThatThrownBy(() -> load("""
                id: broken
                title: 坏看板
                panels:
                  - {id: a, title: 图, chart: kpi, metrics: [hazards_found]}
                  - {id: a, title: 图, chart: kpi, metrics: [hazards_found]}
                """)).hasMessageContaining("duplicate panel id a");
        assertThatThrownBy(() -> load("""
                id: broken
                title: 坏看板
                panels:
                  - {id: a, title: 图, chart: bar_ranking, metrics: [hazards_found], dimensions: [village], sort: [-month]}
                """)).hasMessageContaining("panels[0].sort");
    }

    @Test
    void yamlTagsThatWouldBuildJavaObjectsAreRefused() {
        assertThatThrownBy(() -> load("""
                id: !!java.io.File [/tmp]
                title: 坏看板
                panels: []
                """)).hasMessageContaining("dashboards/broken.yaml");
    }

    private Dashboard load(String yaml) {
        return loader.load(new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public String getFilename() {
                return "broken.yaml";
            }
        });
    }
}
