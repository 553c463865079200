package cn.anjian.demo;

import static cn.anjian.demo.DemoTown.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo town's people and places: names of cadres, staff and residents, each village's hamlets (村民组 or
 * 居民小组), and the places that are not enterprises — forest areas, road sections, houses, households — which a
 * village checks. Cadres and hamlets are fixed for the whole run; residents are named as they are met.
 */
final class DemoPeople {

    private final Dice dice;
    private final Map<String, List<String>> cadres = new HashMap<>();
    private final Map<String, List<String>> hamlets = new HashMap<>();

    DemoPeople(Dice dice) {
        this.dice = dice;
        for (Village v : VILLAGES) {
            cadres.put(v.name(), List.of(person(), person(), person(), person()));
            List<String> names = new ArrayList<>();
            int count = v.community() ? 3 : 6 + dice.below(4);
            while (names.size() < count) {
                String hamlet = v.community()
                        ? "第" + "一二三四五六七八".charAt(dice.below(8)) + "居民小组"
                        : dice.pick(SURNAMES) + "家" + dice.pick(HAMLET_ENDINGS) + "组";
                if (!names.contains(hamlet)) {
                    names.add(hamlet);
                }
            }
            hamlets.put(v.name(), names);
        }
        for (String department : DEPARTMENTS) {
            cadres.put(department, List.of(person(), person(), person(), person()));
        }
    }

    String person() {
        String given = dice.pick(GIVEN_NAME_CHARS);
        if (dice.chance(0.7)) {
            given += dice.pick(GIVEN_NAME_CHARS);
        }
        return dice.pick(SURNAMES) + given;
    }

    String hamlet(Village v) {
        return dice.pick(hamlets.get(v.name()));
    }

    /** Two or three of a village's or department's people; the head first when the head leads. */
    String team(String unit, boolean ledByHead) {
        List<String> people = cadres.get(unit);
        int first = ledByHead ? 0 : 1 + dice.below(people.size() - 1);
        StringBuilder team = new StringBuilder(people.get(first));
        int size = 1 + dice.between(1, 2);
        for (int i = 1; i < size; i++) {
            team.append('、').append(people.get((first + i) % people.size()));
        }
        return team.toString();
    }

    /** A resident's household, e.g. 王家冲组村民储国华户. */
    String household(Village v, String what) {
        return hamlet(v) + (v.community() ? "居民" : "村民") + person() + what;
    }

    /** An elderly person living alone, visited in the winter door-knock campaign. */
    String elderlyHome(Village v) {
        return hamlet(v) + "独居老人" + person() + "户";
    }

    /** A place (not an enterprise) of a sector in a village: a forest area, a road section, a house, a reservoir. */
    String place(Village village, String sector) {
        return switch (sector) {
            case FOREST -> village.shortName() + locality(village) + dice.pick(FOREST_PLACES);
            case HOUSING -> household(village, "自建房");
            case ROAD -> dice.pick(ROADS) + village.shortName() + "段";
            case FIRE -> switch (dice.below(4)) {
                case 0 -> village.name() + "电动自行车集中充电棚";
                case 1 -> village.name() + (village.community() ? "居委会" : "村委会") + "办公楼";
                default -> household(village, "户");
            };
            case GAS -> hamlet(village) + "瓶装液化气用户" + person() + "户";
            default -> village.shortName() + locality(village)
                    + dice.pick(List.of("山塘", "小型水库", "河道采砂点", "农机停放点"));
        };
    }

    /** A hillside or hamlet as a place name: 王家冲, or 后山 in a community. */
    private String locality(Village v) {
        return v.community() ? dice.pick(List.of("后山", "东山", "南坡", "河湾")) : hamlet(v).replace("组", "");
    }
}
