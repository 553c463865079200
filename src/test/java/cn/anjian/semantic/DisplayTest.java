package cn.anjian.semantic;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The one rounding rule: half up, in the header's unit, to the catalogue's decimals. */
class DisplayTest {

    @Test
    void aRatioIsShownInPercentToItsDecimalsAndKeptAsARatioWithTwoMorePlaces() {
        Display percent = Display.percent(1);

        assertThat(percent.text(0.9607218683651805)).isEqualTo("96.1");
        assertThat(percent.text(0.96072)).isEqualTo("96.1");
        assertThat(percent.round(0.9607218683651805)).isEqualTo(0.961);
        assertThat(percent.text(0.9625)).isEqualTo("96.3");
        assertThat(percent.text(1.0)).isEqualTo("100.0");
        assertThat(percent.excelFormat()).isEqualTo("0.0%");
    }

    @Test
    void floatingNoiseNeverSurvives() {
        assertThat(Display.days(0).text(44.00000000000002)).isEqualTo("44");
        assertThat(Display.days(1).text(44.00000000000002)).isEqualTo("44.0");
        assertThat(Display.days(1).text(36.40000000000012)).isEqualTo("36.4");
        assertThat(Display.days(1).round(36.40000000000012)).isEqualTo(36.4);
        assertThat(Display.percent(1).text(0.44 * 100 / 100)).isEqualTo("44.0");
    }

    @Test
    void countsAreWholeAndMoneyIsInYuanToTheFen() {
        assertThat(Display.count().text(12L)).isEqualTo("12");
        assertThat(Display.count().round(12L)).isEqualTo(12L);
        assertThat(Display.count().excelFormat()).isEqualTo("#,##0");
        assertThat(Display.yuan().text(new BigDecimal("36.4"))).isEqualTo("36.40");
        assertThat(Display.yuan().round(36.40000000000012)).isEqualTo(new BigDecimal("36.40"));
        assertThat(Display.yuan().excelFormat()).isEqualTo("#,##0.00");
        assertThat(Display.days(1).excelFormat()).isEqualTo("#,##0.0");
    }

    @Test
    void nothingToShowStaysNothing() {
        assertThat(Display.percent(1).text(null)).isEmpty();
        assertThat(Display.percent(1).round(null)).isNull();
        assertThat(Display.days(1).round(Double.NaN)).isEqualTo(Double.NaN);
    }

    @Test
    void everyMetricOfTheCatalogueDeclaresItsDisplayAndARatioIsInPercent() {
        for (Metric m : new Catalog().metrics()) {
            assertThat(m.display()).as(m.id()).isNotNull();
            assertThat(m.format() == Metric.Format.RATIO).as(m.id()).isEqualTo("%".equals(m.unit().zh()));
        }
        assertThatThrownBy(() -> new Display(Metric.Format.COUNT, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
