package cn.anjian.etl;

import java.time.Clock;

import cn.anjian.warehouse.WarehouseToday;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import cn.anjian.warehouse.MartRefresher;

/**
 * The one import job, for every record type: stage (file → stage table of parsed values and reasons), load (rejects
 * and upserts, one transaction), marts. Each step is a single transaction together with its Batch metadata, and each
 * is idempotent, so a job killed anywhere and restarted ends with exactly the rows of one clean run: the step that
 * was running rolls back and runs again, completed steps are skipped.
 */
@Configuration(proxyBeanMethods = false)
class ImportJobConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ImportJobConfiguration.class);

    static final String JOB_NAME = "ledgerImport";
    static final String BATCH_ID = "batchId";
    static final String KIND = "kind";
    static final String FILE = "file";
    static final String FILE_NAME = "fileName";
    static final String PROFILE = "profile";
    static final String ENCODING = "encoding";

    @Bean
    Job ledgerImportJob(JobRepository jobRepository, Step stageStep, Step loadStep, Step martsStep,
                        ImportJobListener listener) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .listener(listener)
                .start(stageStep)
                .next(loadStep)
                .next(martsStep)
                .build();
    }

    @Bean
    Step stageStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, LedgerStager stager,
                   EtlBatchRepository batches, EtlProperties properties, PackageLoader packages) {
        return new StepBuilder("stage", jobRepository)
                .tasklet((contribution, context) -> {
                    Params p = Params.of(context);
                    if (p.kind() == ImportKind.PACKAGE) {
                        long read = packages.stage(p.batchId(), p.file(), p.fileName(), properties.workDir());
                        batches.read(p.batchId(), read, null, 0);
                        contribution.incrementReadCount();
                        return RepeatStatus.FINISHED;
                    }
                    LedgerStager.Staged staged;
                    try {
                        staged = stager.stage(p.batchId(), p.kind(), p.profile(), p.encoding(), p.file(), p.fileName(),
                                properties.workDir());
                    } catch (LedgerFormatException e) {
                        // every fatal error names the file it is about
                        if (p.fileName() != null && !String.valueOf(e.getMessage()).contains(p.fileName())) {
                            throw new LedgerFormatException("文件「" + p.fileName() + "」: " + e.getMessage(), e);
                        }
                        throw e;
                    }
                    batches.read(p.batchId(), staged.read(), staged.profile().name(), staged.skipped());
                    batches.notes(p.batchId(), p.fileName(), staged.notes(), staged.cellsFilled());
                    contribution.incrementReadCount();
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step loadStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, JdbcTemplate jdbc,
                  EtlBatchRepository batches, LoadFailureInjector failures, MappingProfiles profiles,
                  ImportProgress progress, Clock clock, EtlProperties etl, PackageLoader packages) {
        if (!etl.keepHistory()) {
            log.warn("anjian.etl.keep-history=false: imports keep no prior versions of the rows they rewrite, so they"
                    + " cannot be withdrawn back to them. A benchmark switch: never for a warehouse in use");
        }
        return new StepBuilder("load", jobRepository)
                .tasklet((contribution, context) -> {
                    Params p = Params.of(context);
                    progress.phase(p.batchId(), ImportProgress.Phase.LOADING);
                    if (p.kind() == ImportKind.PACKAGE) {
                        PackageLoader.Counts c = packages.load(p.batchId());
                        batches.loaded(p.batchId(), c.added() + c.updated(), 0);
                        batches.changes(p.batchId(), c.added(), c.updated(), c.unchanged(), c.removed());
                        return RepeatStatus.FINISHED;
                    }
                    String profileName = batches.find(p.batchId()).map(b -> b.getProfile()).orElse(null);
                    boolean keepLast = profileName != null
                            && profiles.find(profileName).map(MappingProfile::keepLast).orElse(false);
                    LoadPlan plan = LoadPlans.of(p.kind());
                    List<String> statements = StagingSql.load(plan, p.batchId(), keepLast, etl.keepHistory());
                    jdbc.execute(WarehouseToday.variable(clock));
                    // the duplicate table and the counts must exist before the upserts change the warehouse
                    int upserts = statements.size();
                    for (int i = 0; i < statements.size(); i++) {
                        jdbc.execute(statements.get(i));
                        if (statements.get(i).startsWith("INSERT INTO etl_lineage")) {
                            upserts = i;
                            break;
                        }
                    }
                    Long accepted = jdbc.queryForObject(StagingSql.countAccepted(p.batchId(), plan.key()), Long.class);
                    for (int i = upserts; i < statements.size(); i++) {
                        if (!statements.get(i).startsWith("INSERT INTO etl_lineage")) {
                            jdbc.execute(statements.get(i));
                        }
                    }
                    failures.afterLoad(p.batchId());
                    Long read = jdbc.queryForObject("SELECT count(*) FROM " + StagingSql.stageTable(p.batchId()), Long.class);
                    long r = read == null ? 0 : read;
                    long a = accepted == null ? 0 : accepted;
                    // written: the rows the import added or rewrote; an unchanged re-import writes none
                    Map<String, Object> changes = jdbc.queryForMap(StagingSql.countChanges(plan, p.batchId(), a));
                    long added = ((Number) changes.get("rows_new")).longValue();
                    long updated = ((Number) changes.get("rows_updated")).longValue();
                    batches.loaded(p.batchId(), added + updated, r - a);
                    batches.changes(p.batchId(), added, updated, ((Number) changes.get("rows_unchanged")).longValue());
                    Long warned = jdbc.queryForObject(StagingSql.countWarned(p.batchId()), Long.class);
                    batches.warned(p.batchId(), warned == null ? 0 : warned);
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    Step martsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, MartRefresher marts,
                   ImportProgress progress) {
        return new StepBuilder("marts", jobRepository)
                .tasklet((contribution, context) -> {
                    progress.phase(Params.of(context).batchId(), ImportProgress.Phase.MARTS);
                    marts.refresh();
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    /** Keeps {@code etl_batch} in step with the job and removes the job's scratch tables and files at its end. */
    @org.springframework.stereotype.Component
    static class ImportJobListener implements JobExecutionListener {
        private final EtlBatchRepository batches;
        private final JdbcTemplate jdbc;
        private final EtlProperties properties;
        private final ImportProgress progress;
        private final UploadRetention retention;
        private final org.springframework.context.ApplicationEventPublisher events;

        ImportJobListener(EtlBatchRepository batches, JdbcTemplate jdbc, EtlProperties properties,
                          ImportProgress progress, UploadRetention retention,
                          org.springframework.context.ApplicationEventPublisher events) {
            this.retention = retention;
            this.events = events;
            this.batches = batches;
            this.jdbc = jdbc;
            this.properties = properties;
            this.progress = progress;
        }

        @Override
        public void beforeJob(JobExecution execution) {
            batches.started(batchId(execution), execution.getId());
        }

        @Override
        public void afterJob(JobExecution execution) {
            long batchId = batchId(execution);
            String status = switch (execution.getStatus()) {
                case COMPLETED -> "COMPLETED";
                case FAILED, ABANDONED, STOPPED -> "FAILED";
                default -> null;
            };
            if (status == null) {
                return;
            }
            String fileName = execution.getJobParameters().getString(FILE_NAME);
            String message = execution.getAllFailureExceptions().stream()
                    .map(e -> ImportFailure.reason(batchId, fileName, e))
                    .findFirst().orElse(null);
            batches.finished(batchId, status, message);
            progress.done(batchId);
            if ("COMPLETED".equals(status)) {
                // a failed import keeps its stage table (and upload) so that a restart can resume where it failed
                StagingSql.dropStage(batchId).forEach(jdbc::execute);
                if (ImportKind.PACKAGE.code().equals(execution.getJobParameters().getString(KIND))) {
                    PackageLoader.drop(batchId).forEach(jdbc::execute);
                }
                retention.completed(batchId, Path.of(execution.getJobParameters().getString(FILE)));
                events.publishEvent(new WarehouseChanged(batchId));
            }
            retention.sweep();
            try {
                Files.deleteIfExists(LedgerStager.stagedCsv(properties.workDir(), batchId));
                Files.deleteIfExists(LedgerStager.utf8Copy(properties.workDir(), batchId));
            } catch (java.io.IOException ignored) {
                // a leftover scratch file is harmless; the next import of this id overwrites it
            }
        }

        private static long batchId(JobExecution execution) {
            return execution.getJobParameters().getLong(BATCH_ID);
        }
    }

    /** The job parameters of one import. */
    record Params(long batchId, ImportKind kind, Path file, String fileName, String profile,
                  java.nio.charset.Charset encoding) {
        static Params of(ChunkContext context) {
            Map<String, Object> p = context.getStepContext().getJobParameters();
            return new Params(((Number) p.get(BATCH_ID)).longValue(),
                    ImportKind.fromCode((String) p.get(KIND)).orElseThrow(),
                    Path.of((String) p.get(FILE)), (String) p.get(FILE_NAME), (String) p.get(PROFILE),
                    CsvCharsets.named((String) p.get(ENCODING)).orElse(null));
        }
    }
}
