package cn.anjian.dashboard;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Chart types the page's script can draw; a dashboard file naming another fails at start-up. */
enum ChartType {

    LINE("line"),
    STACKED_BAR("stacked_bar"),
    BAR_RANKING("bar_ranking"),
    HEATMAP("heatmap"),
    PIE("pie"),
    FUNNEL("funnel"),
    KPI("kpi"),
    TABLE("table");

    private final String code;

    ChartType(String code) {
        this.code = code;
    }

    /** Public because the page template (SpEL) reads it. */
    @JsonValue
    public String code() {
        return code;
    }

    static Optional<ChartType> fromCode(String code) {
        return Arrays.stream(values()).filter(t -> t.code.equals(code)).findFirst();
    }
}
