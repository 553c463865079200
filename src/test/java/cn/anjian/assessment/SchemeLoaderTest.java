package cn.anjian.assessment;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import cn.anjian.assessment.SchemeLoader.InvalidSchemeException;
import cn.anjian.semantic.Catalog;

import org.springframework.core.io.FileSystemResource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Scheme files are checked at load; a refusal names the file and the line the safety office must fix. */
class SchemeLoaderTest {

    private final SchemeLoader loader = new SchemeLoader(new Catalog());

    /** A valid one-item scheme; line numbers below refer to this text (line 1 is "year: 2024"). */
    private static final String VALID = """
            year: 2024
            title: 测试方案
            total: 100
            sections:
              - id: checks
                title: 一、排查
                items:
                  - id: monthly_checks
                    title: 每月排查
                    max: 100
                    metric: monthly_check_units
                    unit: both
                    rule: {type: per_count_below, target: 12, points: 2}
            grades:
              - {grade: 优秀, min: 90}
              - {grade: 良好, min: 80, below: 90}
              - {grade: 合格, min: 60, below: 80}
              - {grade: 不合格, below: 60}
            """;

    private Scheme load(String yaml) {
        return loader.load("2024.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aValidSchemeLoadsWithItsItemsAndBands() {
        Scheme scheme = load(VALID);
        assertThat(scheme.year()).isEqualTo(2024);
        assertThat(scheme.items()).extracting(Scheme.Item::id).containsExactly("monthly_checks");
        assertThat(scheme.grades()).extracting(Scheme.GradeBand::grade).containsExactly("优秀", "良好", "合格", "不合格");
        assertThat(scheme.grade(new java.math.BigDecimal("89.5"))).isEqualTo("良好");
        assertThat(scheme.vetoGrade()).isEqualTo("不合格");
    }

    @Test
    void anUnknownMetricIsRefusedNamingTheFileAndLine() {
        assertThatThrownBy(() -> load(VALID.replace("metric: monthly_check_units", "metric: monthly_chekcs")))
                .isInstanceOf(InvalidSchemeException.class)
                .hasMessageContaining("2024.yaml")
                .hasMessageContaining("line 11")
                .hasMessageContaining("monthly_chekcs");
    }

    @Test
    void aNegativeMaximumIsRefusedNamingTheLine() {
        assertThatThrownBy(() -> load(VALID.replace("max: 100", "max: -5")))
                .isInstanceOf(InvalidSchemeException.class)
                .hasMessageContaining("line 10")
                .hasMessageContaining("negative maximum");
    }

    @Test
    void overlappingGradeBandsAreRefusedNamingTheLine() {
        assertThatThrownBy(() -> load(VALID.replace("{grade: 良好, min: 80, below: 90}", "{grade: 良好, min: 80, below: 91}")))
                .isInstanceOf(InvalidSchemeException.class)
                .hasMessageContaining("line 16")
                .hasMessageContaining("优秀")
                .hasMessageContaining("overlapping grade bands");
    }

    @Test
    void itemsThatDoNotAddUpToTheTotalAreRefused() {
        assertThatThrownBy(() -> load(VALID.replace("max: 100", "max: 90")))
                .hasMessageContaining("line 5")
                .hasMessageContaining("90");
    }

    @Test
    void aMetricWithoutTheUnitsDimensionIsRefused() {
        // accidents carry no department: an accident item cannot apply to departments
        assertThatThrownBy(() -> load(VALID.replace("metric: monthly_check_units", "metric: deaths")))
                .hasMessageContaining("line 11")
                .hasMessageContaining("department");
    }

    @Test
    void theShippedSchemesLoad() {
        for (String year : new String[] {"2023", "2024"}) {
            Scheme scheme = loader.load(new FileSystemResource("dashboards/assessment/" + year + ".yaml"));
            assertThat(scheme.year()).isEqualTo(Integer.parseInt(year));
            assertThat(scheme.items(Scheme.UnitKind.VILLAGE)).isNotEmpty();
            assertThat(scheme.items(Scheme.UnitKind.DEPARTMENT)).isNotEmpty();
            assertThat(scheme.vetoes()).hasSize(2);
        }
    }

    @Test
    void everyEvidenceLinkOfTheShippedSchemesNamesAnExistingDashboardAndPanel() throws Exception {
        for (String year : new String[] {"2023", "2024", "county-2024"}) {
            Scheme scheme = loader.load(new FileSystemResource("dashboards/assessment/" + year + ".yaml"));
            java.util.List<Scheme.Rows> rows = new java.util.ArrayList<>();
            scheme.allItems().map(Scheme.Item::rows).forEach(rows::add);
            scheme.vetoes().forEach(v -> rows.add(v.rows()));
            for (Scheme.Rows r : rows) {
                if (r == null) {
                    continue;
                }
                java.nio.file.Path file = java.nio.file.Path.of("dashboards", r.dashboard() + ".yaml");
                assertThat(file).as(year + ": " + r).exists();
                if (r.panel() != null) {
                    assertThat(java.nio.file.Files.readString(file)).as(year + ": " + r)
                            .containsPattern("- id: " + java.util.regex.Pattern.quote(r.panel()) + "\\s");
                }
            }
        }
    }

    @Test
    void theShippedCountySchemeLoadsScoringTownsOnly() {
        Scheme scheme = loader.load(new FileSystemResource("dashboards/assessment/county-2024.yaml"));
        assertThat(scheme.county()).isTrue();
        assertThat(scheme.year()).isEqualTo(2024);
        assertThat(scheme.items(Scheme.UnitKind.TOWN)).extracting(Scheme.Item::metric)
                .contains("rectification_rate", "hazards_overdue", "monthly_check_compliance", "major_open");
        assertThat(scheme.items(Scheme.UnitKind.TOWN).stream().map(Scheme.Item::max)
                .reduce(java.math.BigDecimal.ZERO, java.math.BigDecimal::add)).isEqualByComparingTo("100");
        assertThat(scheme.items(Scheme.UnitKind.VILLAGE)).isEmpty();
        assertThat(scheme.items(Scheme.UnitKind.DEPARTMENT)).isEmpty();
        assertThat(scheme.vetoes(Scheme.UnitKind.TOWN)).hasSize(2);
    }

    @Test
    void aTypoInACountySchemeIsRefusedNamingTheFileAndLine() {
        String county = VALID.replace("unit: both", "unit: town")
                .replace("metric: monthly_check_units", "metric: monthly_check_complaince")
                .replace("rule: {type: per_count_below, target: 12, points: 2}",
                        "rule: {type: per_point_below, target: 100, points: 1}");
        assertThatThrownBy(() -> loader.load("county-2024.yaml",
                new ByteArrayInputStream(county.getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(InvalidSchemeException.class)
                .hasMessageContaining("county-2024.yaml")
                .hasMessageContaining("line 11")
                .hasMessageContaining("monthly_check_complaince");
        Scheme valid = loader.load("county-2024.yaml", new ByteArrayInputStream(county
                .replace("monthly_check_complaince", "monthly_check_compliance").getBytes(StandardCharsets.UTF_8)));
        assertThat(valid.items(Scheme.UnitKind.TOWN)).hasSize(1);
    }

    @Test
    void aCountySchemeScoresTownsOnlyAndATownsSchemeNoTowns() {
        assertThatThrownBy(() -> loader.load("county-2024.yaml",
                new ByteArrayInputStream(VALID.getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("county-2024.yaml 第 12 行 (line 12)")
                .hasMessageContaining("town");
        assertThatThrownBy(() -> load(VALID.replace("unit: both", "unit: town")))
                .hasMessageContaining("line 12")
                .hasMessageContaining("county-<year>.yaml");
        assertThatThrownBy(() -> loader.load("county-2025.yaml",
                new ByteArrayInputStream(VALID.replace("unit: both", "unit: town").getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("line 1")
                .hasMessageContaining("county-2024.yaml");
    }
}
