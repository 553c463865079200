package cn.anjian.etl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import cn.anjian.etl.ImportService.Change;
import cn.anjian.etl.ImportService.FieldChange;
import cn.anjian.etl.ImportService.ImportStatus;
import cn.anjian.etl.ImportService.WithdrawalRefused;
import cn.anjian.jooq.tables.records.EtlBatchRecord;
import cn.anjian.warehouse.MartRefresher;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Undoes an import (撤销导入) from the history the load step keeps ({@code V012}): the rows the batch wrote are
 * deleted and the versions it replaced are put back, in one transaction with the marts, so the warehouse is what it
 * was before the batch, exactly. An import other live imports built on (they matched its rows by key, or use a
 * region or enterprise it added) is withdrawn only together with them, newest first, and only when asked.
 */
@Component
class ImportWithdrawal {

    /** Columns of bookkeeping, not of the record: not shown as changes. */
    private static final Set<String> BOOKKEEPING = Set.of("batch_id", "source_file", "source_row", "replaced_by",
            "valid_from", "valid_to", "is_current", "open_until", "county_code", "town_code");

    /** Facts that name a region or an enterprise: a dimension import they use cannot go alone. */
    private static final List<String> FACTS = List.of("fact_inspection", "fact_hazard", "fact_enforcement",
            "fact_accident", "fact_drill", "fact_training", "fact_tipoff", "fact_head_duty", "fact_door_knock",
            "fact_publicity", "fact_task_progress");

    /** Those of {@link #FACTS} that name an enterprise. */
    private static final List<String> ENTERPRISE_FACTS = List.of("fact_inspection", "fact_hazard",
            "fact_enforcement", "fact_accident", "fact_drill", "fact_training", "fact_tipoff", "fact_head_duty");

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final MartRefresher marts;
    private final EtlBatchRepository batches;
    private final org.springframework.context.ApplicationEventPublisher events;

    ImportWithdrawal(JdbcTemplate jdbc, TransactionTemplate transactions, MartRefresher marts,
                     EtlBatchRepository batches, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.marts = marts;
        this.batches = batches;
    }

    ImportStatus withdraw(long id, String reason, boolean chain, String user) {
        if (reason == null || reason.isBlank()) {
            throw new WithdrawalRefused("请写明撤销原因", List.of());
        }
        transactions.executeWithoutResult(tx -> {
            withdrawOne(id, reason.strip(), chain, user);
            marts.refresh();
        });
        events.publishEvent(new WarehouseChanged(id));
        return batches.find(id).map(EtlBatchRepository::toStatus).orElseThrow();
    }

    private void withdrawOne(long id, String reason, boolean chain, String user) {
        EtlBatchRecord batch = batches.find(id).orElseThrow(() -> new ImportController.ImportNotFound(id));
        if (!"COMPLETED".equals(batch.getStatus())) {
            throw new WithdrawalRefused("导入 " + id + "「" + batch.getFileName() + "」的状态是 "
                    + batch.getStatus() + "，只能撤销已完成的导入", List.of());
        }
        List<ImportStatus> dependents = dependents(id, ImportKind.fromCode(batch.getKind()).orElseThrow());
        if (!dependents.isEmpty()) {
            if (!chain) {
                throw new WithdrawalRefused("导入 " + id + "「" + batch.getFileName() + "」之后的导入用到了它的数据: "
                        + String.join("、", dependents.stream().map(d -> d.id() + "「" + d.fileName() + "」").toList())
                        + "。请先撤销这些导入，或选择连同它们一起撤销", dependents);
            }
            for (ImportStatus later : dependents) {
                withdrawOne(later.id(), reason + "（随导入 " + id + " 一并撤销）", true, user);
            }
        }
        for (LoadPlan plan : LoadPlans.written(ImportKind.fromCode(batch.getKind()).orElseThrow())) {
            LoadPlan.Target t = plan.target();
            String same = String.join(" AND ", t.identity().stream().map(c -> "t." + c + " = h." + c).toList());
            jdbc.execute("DELETE FROM " + t.table() + " WHERE batch_id = " + id);
            jdbc.execute("DELETE FROM " + t.table() + " t WHERE EXISTS (SELECT 1 FROM " + t.history()
                    + " h WHERE h.replaced_by = " + id + " AND " + same + ")");
            jdbc.execute("INSERT INTO " + t.table() + " BY NAME SELECT * EXCLUDE (replaced_by) FROM " + t.history()
                    + " WHERE replaced_by = " + id);
            jdbc.execute("DELETE FROM " + t.history() + " WHERE replaced_by = " + id);
        }
        for (String table : List.of("etl_batch_dependency", "etl_reject", "etl_lineage")) {
            jdbc.execute("DELETE FROM " + table + " WHERE batch_id = " + id);
        }
        batches.withdrawn(id, user, reason);
    }

    /** Live imports that built on this one, newest first. */
    private List<ImportStatus> dependents(long id, ImportKind kind) {
        List<Long> ids = new ArrayList<>(jdbc.queryForList("SELECT DISTINCT batch_id FROM etl_batch_dependency"
                + " WHERE depends_on = ? AND batch_id <> ?", Long.class, id, id));
        // regions and enterprises the import added, which facts of later imports may name (a package adds both)
        List<String> tables = LoadPlans.written(kind).stream().map(p -> p.target().table()).toList();
        if (tables.contains("dim_region")) {
            String added = "region_code IN (SELECT region_code FROM dim_region WHERE batch_id = " + id
                    + " EXCEPT SELECT region_code FROM dim_region_history WHERE replaced_by = " + id + ")";
            for (String fact : FACTS) {
                ids.addAll(jdbc.queryForList("SELECT DISTINCT batch_id FROM " + fact + " WHERE " + added, Long.class));
            }
        }
        if (tables.contains("dim_enterprise")) {
            String added = "enterprise_code IN (SELECT enterprise_code FROM dim_enterprise WHERE batch_id = " + id
                    + " EXCEPT SELECT enterprise_code FROM dim_enterprise_history WHERE replaced_by = " + id + ")";
            for (String fact : ENTERPRISE_FACTS) {
                ids.addAll(jdbc.queryForList("SELECT DISTINCT batch_id FROM " + fact + " WHERE " + added, Long.class));
            }
        }
        return ids.stream().distinct().filter(d -> d != id).sorted(java.util.Comparator.reverseOrder())
                .map(batches::find).flatMap(java.util.Optional::stream)
                .filter(b -> !"WITHDRAWN".equals(b.getStatus()))
                .map(EtlBatchRepository::toStatus).toList();
    }

    /** Up to {@code limit} rows an import rewrote, with the fields that changed, before → after. */
    List<Change> changes(long id, int limit) {
        EtlBatchRecord batch = batches.find(id).orElseThrow(() -> new ImportController.ImportNotFound(id));
        ImportKind kind = ImportKind.fromCode(batch.getKind()).orElseThrow();
        List<Change> changes = new ArrayList<>();
        for (LoadPlan plan : LoadPlans.written(kind)) {
            if (changes.size() < limit) {
                changes.addAll(changes(id, kind, plan, limit - changes.size()));
            }
        }
        return changes;
    }

    private List<Change> changes(long id, ImportKind kind, LoadPlan plan, int limit) {
        LoadPlan.Target t = plan.target();
        String key = plan.key();
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM " + t.history()
                + " WHERE replaced_by = ? ORDER BY " + key + " LIMIT ?", id, limit);
        List<Change> changes = new ArrayList<>();
        for (Map<String, Object> old : before) {
            List<Map<String, Object>> now = jdbc.queryForList("SELECT * FROM " + t.table() + " WHERE " + key
                    + " = ? AND batch_id = ?", old.get(key), id);
            Map<String, Object> after = now.isEmpty() ? Map.of() : now.get(0);
            List<FieldChange> fields = new ArrayList<>();
            for (Map.Entry<String, Object> e : new LinkedHashMap<>(old).entrySet()) {
                String column = e.getKey();
                if (BOOKKEEPING.contains(column) || column.equals(key)) {
                    continue;
                }
                String was = text(e.getValue());
                String is = text(after.get(column));
                if (!java.util.Objects.equals(was, is)) {
                    fields.add(new FieldChange(header(kind, column), was, is));
                }
            }
            // a package's changes span tables: the key says which; a removed row shows its fields going to (空)
            String name = kind == ImportKind.PACKAGE ? t.table() + " " + old.get(key) : String.valueOf(old.get(key));
            changes.add(new Change(name, fields));
        }
        return changes;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    /** The ledger's header for a warehouse column (sector_code → 行业领域, funds_yuan → 整改资金). */
    private static String header(ImportKind kind, String column) {
        if (column.equals("extra")) {
            return ImportKind.EXTRA_HEADER;
        }
        for (String field : List.of(column, column.replaceFirst("_(code|yuan)$", ""))) {
            for (ImportKind.Column c : kind.columns()) {
                if (c.field().equals(field)) {
                    return c.header();
                }
            }
        }
        return column;
    }
}
