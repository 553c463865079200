package cn.anjian.etl;

import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import cn.anjian.jooq.tables.records.EtlBatchRecord;

/**
 * On start, finishes what a crash (kill -9, power cut) interrupted: every import still marked queued or running is
 * restarted from the step it was in, so nothing is lost and nothing doubled.
 */
@Component
@Order(0)
class ImportRecovery implements ApplicationRunner {

    private final EtlBatchRepository batches;
    private final LedgerImportService imports;

    ImportRecovery(EtlBatchRepository batches, LedgerImportService imports) {
        this.batches = batches;
        this.imports = imports;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (EtlBatchRecord batch : batches.unfinished()) {
            Path upload = imports.uploadPath(batch.getBatchId(), batch.getFileName());
            if (batch.getJobExecutionId() == null && !Files.exists(upload)) {
                batches.finished(batch.getBatchId(), "FAILED", "应用中断时文件尚未导入，且上传的文件已不存在，请重新上传");
                continue;
            }
            imports.resume(batch.getBatchId(), batch.getJobExecutionId(),
                    ImportKind.fromCode(batch.getKind()).orElseThrow(), upload, batch.getFileName());
        }
    }
}
