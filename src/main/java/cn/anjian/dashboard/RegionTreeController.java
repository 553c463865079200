package cn.anjian.dashboard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jooq.DSLContext;

import cn.anjian.semantic.Label;
import cn.anjian.semantic.Member;
import cn.anjian.semantic.MemberRepository;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import static cn.anjian.jooq.Tables.DIM_REGION;

/**
 * Towns with their villages, for the page's town → village cascade: the catalogue lists villages but not which
 * town each belongs to. Villages come from {@link MemberRepository#villages()}, so the user's row scope applies
 * here as everywhere; a town shows only if the user may see one of its villages.
 */
@RestController
class RegionTreeController {

    private final DSLContext dsl;
    private final MemberRepository members;

    RegionTreeController(DSLContext dsl, MemberRepository members) {
        this.dsl = dsl;
        this.members = members;
    }

    @GetMapping("/api/regions/towns")
    List<Town> towns() {
        Set<String> visible = members.villages().stream().map(Member::code).collect(Collectors.toSet());
        Map<String, List<String>> villagesByTown = new LinkedHashMap<>();
        dsl.select(DIM_REGION.REGION_CODE, DIM_REGION.TOWN_CODE, DIM_REGION.PARENT_CODE)
                .from(DIM_REGION)
                .where(DIM_REGION.REGION_LEVEL.eq("village"))
                .orderBy(DIM_REGION.REGION_NAME.collate("zh"), DIM_REGION.REGION_CODE)
                .forEach(r -> {
                    String village = r.get(DIM_REGION.REGION_CODE);
                    String town = r.get(DIM_REGION.TOWN_CODE) != null ? r.get(DIM_REGION.TOWN_CODE)
                            : r.get(DIM_REGION.PARENT_CODE);
                    if (town != null && visible.contains(village)) {
                        villagesByTown.computeIfAbsent(town, k -> new ArrayList<>()).add(village);
                    }
                });
        return dsl.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME)
                .from(DIM_REGION)
                .where(DIM_REGION.REGION_LEVEL.eq("town"))
                .and(DIM_REGION.REGION_CODE.in(villagesByTown.keySet()))
                .orderBy(DIM_REGION.REGION_NAME.collate("zh"), DIM_REGION.REGION_CODE)
                .fetch(r -> new Town(r.get(DIM_REGION.REGION_CODE),
                        Label.of(r.get(DIM_REGION.REGION_NAME), r.get(DIM_REGION.REGION_NAME)),
                        List.copyOf(villagesByTown.get(r.get(DIM_REGION.REGION_CODE)))));
    }

    /**
     * @param code     region code of the town
     * @param label    its name (the reference data has no English names)
     * @param villages codes of its villages the user may see, in name order
     */
    record Town(String code, Label label, List<String> villages) {
    }
}
