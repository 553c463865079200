package cn.anjian.etl;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.impl.DSL;

import org.springframework.stereotype.Component;

import static cn.anjian.jooq.Tables.DIM_REGION;
import static cn.anjian.jooq.Tables.ETL_REJECT;

/**
 * The villages an import rejected rows for because the regions ledger does not have them, as a regions ledger to
 * correct and import (in the regions template's shape, {@link TemplateWorkbook}): each missing name once, under the
 * town the ledger named (or the warehouse's only town), with a provisional code. Once it is imported, the original
 * ledger imported again loads the rows rejected before. So a new town need not build its regions file by hand first.
 */
@Component
class MissingRegions {

    /** The reject reason of a village the regions ledger lacks; the ledger's town, if any, follows it. */
    static final String UNKNOWN_VILLAGE = "未知的村(社区): 区划表中没有";
    static final String TOWN_OPEN = "（所属乡镇: ";
    static final String TOWN_CLOSE = "）";
    private static final Pattern REASON = Pattern.compile(Pattern.quote(UNKNOWN_VILLAGE)
            + "(?:" + Pattern.quote(TOWN_OPEN) + "(.*)" + Pattern.quote(TOWN_CLOSE) + ")?");

    private final DSLContext dsl;
    private final TemplateWorkbook templates;

    MissingRegions(DSLContext dsl, TemplateWorkbook templates) {
        this.dsl = dsl;
        this.templates = templates;
    }

    /**
     * A village to add: its name as the ledger wrote it, the town the ledger named (or null), the town's code where
     * the warehouse knows it (else its only town's), a proposed code and the rows it would let load.
     */
    record Missing(String name, String town, String parentCode, String proposedCode, String level, long rows) {
    }

    /** The villages import {@code batchId} rejected rows for, in the order the ledger first names them. */
    List<Missing> of(long batchId) {
        var rejects = dsl.select(ETL_REJECT.FIELD_VALUE, ETL_REJECT.REASON, DSL.count())
                .from(ETL_REJECT)
                .where(ETL_REJECT.BATCH_ID.eq(batchId).and(ETL_REJECT.REASON.startsWith(UNKNOWN_VILLAGE))
                        .and(ETL_REJECT.FIELD_VALUE.isNotNull()))
                .groupBy(ETL_REJECT.FIELD_VALUE, ETL_REJECT.REASON)
                .orderBy(DSL.min(ETL_REJECT.SHEET_NAME).nullsFirst(), DSL.min(ETL_REJECT.ROW_NO))
                .fetch();
        if (rejects.isEmpty()) {
            return List.of();
        }
        Map<String, String> towns = towns();
        String onlyTown = towns.values().stream().distinct().count() == 1 ? towns.values().iterator().next() : null;
        Set<String> taken = new HashSet<>(dsl.select(DIM_REGION.REGION_CODE).from(DIM_REGION).fetch(DIM_REGION.REGION_CODE));
        Map<String, Missing> missing = new LinkedHashMap<>();
        for (Record3<String, String, Integer> r : rejects) {
            Matcher m = REASON.matcher(r.value2());
            if (!m.matches()) {
                continue;
            }
            String name = r.value1().strip();
            String town = m.group(1);
            String parent = town == null ? onlyTown : towns.getOrDefault(town.strip(), null);
            String key = name + "|" + (town == null ? "" : town);
            Missing before = missing.get(key);
            if (before != null) {
                missing.put(key, new Missing(name, town, parent, before.proposedCode(), before.level(),
                        before.rows() + r.value3()));
                continue;
            }
            String code = nextCode(parent == null ? "NEW" : parent, taken);
            missing.put(key, new Missing(name, town, parent, code, name.endsWith("社区") ? "社区" : "村", r.value3()));
        }
        return new ArrayList<>(missing.values());
    }

    /** The regions ledger of the missing villages, to correct and import; empty of rows when nothing is missing. */
    void write(long batchId, OutputStream out) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (Missing m : of(batchId)) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("region_code", m.proposedCode());
            row.put("region_name", m.name());
            row.put("region_level", m.level());
            row.put("parent_code", m.parentCode() == null ? "" : m.parentCode());
            rows.add(row);
        }
        templates.write(ImportKind.REGIONS, rows, List.of(
                new String[] {"预填内容", "", "这些村(社区)是导入时因“" + UNKNOWN_VILLAGE + "”被拒收的行里写的名称，每个一行。"
                        + "核对名称 (错别字请改台账，不要在这里新增)，补全上级区划代码，导入这个文件后再导入原台账，被拒收的行即可入库。"},
                new String[] {"区划代码", "", "预填的是临时代码 (上级区划代码-序号)；有民政部门的 12 位区划代码时请改为正式代码"}),
                out);
    }

    /** Towns by name and by code. */
    private Map<String, String> towns() {
        Map<String, String> towns = new LinkedHashMap<>();
        Map<String, Integer> names = new LinkedHashMap<>();
        for (var r : dsl.select(DIM_REGION.REGION_CODE, DIM_REGION.REGION_NAME).from(DIM_REGION)
                .where(DIM_REGION.REGION_LEVEL.eq("town")).orderBy(DIM_REGION.REGION_CODE).fetch()) {
            towns.put(r.value1(), r.value1());
            names.merge(r.value2(), 1, Integer::sum);
            towns.putIfAbsent(r.value2(), r.value1());
        }
        names.forEach((name, count) -> {
            if (count > 1) {
                towns.remove(name); // two towns of one name: the clerk chooses
            }
        });
        return towns;
    }

    private static String nextCode(String prefix, Set<String> taken) {
        for (int n = 1; ; n++) {
            String code = prefix + "-" + (n < 10 ? "0" : "") + n;
            if (taken.add(code)) {
                return code;
            }
        }
    }
}
