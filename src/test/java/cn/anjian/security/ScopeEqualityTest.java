package cn.anjian.security;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import cn.anjian.assessment.Assessment;
import cn.anjian.assessment.Assessment.UnitScore;
import cn.anjian.assessment.AssessmentService;
import cn.anjian.assessment.Scheme;
import cn.anjian.assessment.Scheme.UnitKind;
import cn.anjian.demo.DemoTownWarehouse;
import cn.anjian.semantic.Catalog;
import cn.anjian.semantic.Filters;
import cn.anjian.semantic.Member;
import cn.anjian.semantic.MemberRepository;
import cn.anjian.semantic.Metric;
import cn.anjian.semantic.MetricQuery;
import cn.anjian.semantic.MetricQueryService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One number, one answer, whoever asks (issue #13): on the demo town, every catalogue metric and every assessment
 * item gives a leader scoped to the whole town exactly the administrator's answer, and a village cadre the
 * administrator's answer filtered to their village. Rows that belong to no region (import rejects) are shown only
 * to users who may see every region, never as a different number.
 */
class ScopeEqualityTest extends DemoTownWarehouse {

    private static final Authentication ADMIN = TestLogins.token(Role.ADMIN);
    private static final Authentication TOWN_LEADER = TestLogins.token(Role.LEADER, TOWN);

    @Autowired
    Catalog catalog;

    @Autowired
    MetricQueryService queries;

    @Autowired
    MemberRepository members;

    @Autowired
    AssessmentService assessment;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyMetricGivesTheTownsLeaderTheAdministratorsAnswer() {
        for (Filters filters : ranges()) {
            for (Metric metric : catalog.metrics()) {
                for (List<String> dims : List.of(List.<String>of(), byPeriod(metric))) {
                    MetricQuery query = new MetricQuery(List.of(metric.id()), dims, filters, null, null);
                    List<List<Object>> admin = as(ADMIN, () -> queries.run(query).rows());
                    List<List<Object>> leader = as(TOWN_LEADER, () -> queries.run(query).rows());
                    assertThat(leader).as("%s by %s, %s to %s", metric.id(), dims, filters.from(), filters.to())
                            .isEqualTo(admin);
                }
            }
        }
    }

    @Test
    void everyMetricGivesAVillageCadreTheAdministratorsAnswerForTheirVillage() {
        List<Member> villages = as(ADMIN, () -> members.villages());
        assertThat(villages).hasSizeGreaterThan(10);
        for (Member village : List.of(villages.get(0), villages.get(villages.size() / 2))) {
            Authentication cadre = TestLogins.token(Role.VILLAGE, village.code());
            for (Filters filters : ranges()) {
                Filters ofVillage = new Filters(filters.from(), filters.to(), List.of(), List.of(village.code()));
                for (Metric metric : catalog.metrics()) {
                    MetricQuery own = new MetricQuery(List.of(metric.id()), byPeriod(metric), filters, null, null);
                    List<List<Object>> seen = as(cadre, () -> queries.run(own).rows());
                    String what = metric.id() + " for " + village.label().zh() + " " + filters.from();
                    if (catalog.regional(metric)) {
                        MetricQuery filtered = new MetricQuery(List.of(metric.id()), byPeriod(metric), ofVillage,
                                null, null);
                        assertThat(seen).as(what).isEqualTo(as(ADMIN, () -> queries.run(filtered).rows()));
                    } else {
                        // rows of no village (rejected ledger rows) are not the village's: not shown, not miscounted
                        assertThat(seen).as(what).isEmpty();
                    }
                }
            }
        }
    }

    @Test
    void everyAssessmentItemScoresTheSameForTheTownsLeaderAsForTheAdministrator() {
        int checked = 0;
        for (int year : List.of(2023, 2024, 2025)) {
            Scheme scheme = assessment.scheme(year).orElseThrow();
            for (UnitKind kind : List.of(UnitKind.VILLAGE, UnitKind.DEPARTMENT)) {
                Assessment admin = as(ADMIN, () -> assessment.score(scheme, kind, assessment.defaultAsOf(year)));
                Assessment leader = as(TOWN_LEADER, () -> assessment.score(scheme, kind, assessment.defaultAsOf(year)));
                assertThat(admin.units()).as("%s %s", year, kind).hasSizeGreaterThan(5);
                assertThat(leader).as("%s %s", year, kind).usingRecursiveComparison().isEqualTo(admin);
                checked += admin.units().size() * admin.items().size();
            }
        }
        assertThat(checked).isGreaterThan(500);
    }

    @Test
    void aVillageCadreSeesTheirOwnRowWithItsTrueRankAndTheTownAverage() {
        int year = 2024;
        Scheme scheme = assessment.scheme(year).orElseThrow();
        Assessment admin = as(ADMIN, () -> assessment.score(scheme, UnitKind.VILLAGE, assessment.defaultAsOf(year)));
        List<UnitScore> ranked = admin.units();
        // the cadre of the village ranked in the middle: neither first nor the only one
        UnitScore middle = ranked.get(ranked.size() / 2);
        Authentication cadre = TestLogins.token(Role.VILLAGE, middle.code());

        Assessment seen = as(cadre, () -> assessment.score(scheme, UnitKind.VILLAGE, assessment.defaultAsOf(year)));

        assertThat(seen.units()).singleElement().usingRecursiveComparison().isEqualTo(middle);
        assertThat(seen.units().get(0).rank()).isGreaterThan(1);
        assertThat(seen.ranked()).isEqualTo(ranked.size());
        assertThat(seen.averageScore()).isEqualByComparingTo(admin.averageScore());
        assertThat(seen.average()).isEqualTo(admin.average());
        assertThat(seen.grades()).isEqualTo(admin.grades());
        // departments serve the town: a village's cadre is shown none of them
        assertThat(as(cadre, () -> assessment.score(scheme, UnitKind.DEPARTMENT, assessment.defaultAsOf(year)).units()))
                .isEmpty();
    }

    /** By month, or by the finest period the metric has (a yearly mart by year). */
    private List<String> byPeriod(Metric metric) {
        List<String> dims = catalog.dimensionsOf(metric);
        return List.of(dims.contains("month") ? "month" : "year");
    }

    /** A whole past year and the current year so far (the clock stands at 2026-06-15). */
    private static List<Filters> ranges() {
        List<Filters> ranges = new ArrayList<>();
        ranges.add(new Filters(YearMonth.of(2024, 1), YearMonth.of(2024, 12), List.of(), List.of(), Map.of(), null));
        ranges.add(new Filters(YearMonth.of(2025, 7), YearMonth.of(2026, 6), List.of(), List.of(), Map.of(), null));
        return ranges;
    }

    private static <T> T as(Authentication user, Supplier<T> work) {
        SecurityContextHolder.getContext().setAuthentication(user);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
