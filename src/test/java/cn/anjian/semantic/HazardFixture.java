package cn.anjian.semantic;

import java.sql.Date;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small, known warehouse for tests: one county, one town, four villages (one with no hazards) and a few
 * hundred hazards spread over the 14 months up to an anchor month, in headline and other sectors, including
 * hazards on the first and last day of months so range boundaries are exercised.
 */
public final class HazardFixture {

    public static final String COUNTY = "341525";
    public static final String TOWN = "341525106";
    public static final String DONGSHAN = "341525106201";
    public static final String XIHE = "341525106202";
    public static final String NANLING = "341525106203";
    /** A village without hazards: choosing it must show "无数据". */
    public static final String BEIPO = "341525106204";

    public static final List<String> VILLAGES_WITH_HAZARDS = List.of(DONGSHAN, XIHE, NANLING);
    public static final List<String> SECTORS = List.of("fire", "road_traffic", "town_gas", "self_built_housing",
            "forest_fire", "construction", "hazchem", "tourism");

    private HazardFixture() {
    }

    /** Inserts regions and hazards (found in the 14 months ending with {@code anchor}); returns the hazard count. */
    public static int insert(JdbcTemplate jdbc, YearMonth anchor) {
        jdbc.update("DELETE FROM fact_hazard");
        jdbc.update("DELETE FROM dim_region");
        region(jdbc, COUNTY, "霍山县", "county", null, false);
        region(jdbc, TOWN, "诸佛庵镇", "town", COUNTY, false);
        region(jdbc, DONGSHAN, "东山村", "village", TOWN, false);
        region(jdbc, XIHE, "西河村", "village", TOWN, false);
        region(jdbc, NANLING, "南岭社区", "village", TOWN, true);
        region(jdbc, BEIPO, "北坡村", "village", TOWN, false);

        List<Object[]> hazards = new ArrayList<>();
        int n = 0;
        for (int back = 0; back < 14; back++) {
            YearMonth month = anchor.minusMonths(back);
            for (int v = 0; v < VILLAGES_WITH_HAZARDS.size(); v++) {
                for (int s = 0; s < SECTORS.size(); s++) {
                    int count = (back * 7 + v * 3 + s * 5 + v * s) % 4; // 0–3 per cell: some cells empty
                    for (int i = 0; i < count; i++) {
                        LocalDate found = switch (i) {
                            case 0 -> month.atDay(1);
                            case 1 -> month.atEndOfMonth();
                            default -> month.atDay(1 + (back + s) % 28);
                        };
                        boolean rectified = (n % 3) != 0;
                        hazards.add(new Object[] {
                                String.format("YH-%s-%04d", month, n++), Date.valueOf(found),
                                rectified ? Date.valueOf(found.plusDays(5)) : null,
                                (n % 17 == 0) ? "major" : "general", SECTORS.get(s), VILLAGES_WITH_HAZARDS.get(v),
                                "测试隐患 " + n, rectified ? "rectified" : "open"});
                    }
                }
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO fact_hazard (hazard_no, found_date, rectified_date, hazard_level, sector_code, region_code,
                    description, status, wl_responsibility, wl_measures, wl_funds, wl_time_limit, wl_contingency,
                    is_published, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, TRUE, FALSE, TRUE, FALSE, FALSE, 1)""", hazards);
        return hazards.size();
    }

    private static void region(JdbcTemplate jdbc, String code, String name, String level, String parent,
                               boolean community) {
        jdbc.update("""
                INSERT INTO dim_region (region_code, region_name, region_level, parent_code, county_code, town_code,
                    is_community, valid_from, valid_to, merged_into, is_demo, batch_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, DATE '2000-01-01', DATE '9999-12-31', NULL, FALSE, NULL)""",
                code, name, level, parent, COUNTY, level.equals("village") ? TOWN : null, community);
    }
}
