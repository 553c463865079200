package cn.anjian.etl;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import cn.anjian.jooq.tables.records.EtlBatchRecord;

/**
 * The rejected rows of an import as an .xlsx a clerk can fix and upload again: the rows exactly as they stand in the
 * ledger (read again from the uploaded file through the same profile), under the ledger's own headers, with a
 * 拒收原因 column and where each row came from.
 */
@Component
class RejectReport {

    static final String REASON = "拒收原因";

    private final EtlBatchRepository batches;
    private final JobRepository jobRepository;
    private final MappingProfiles profiles;

    RejectReport(EtlBatchRepository batches, JobRepository jobRepository, MappingProfiles profiles) {
        this.batches = batches;
        this.jobRepository = jobRepository;
        this.profiles = profiles;
    }

    /** The file an import read: the upload kept for lineage, or the file the caller imported in place. */
    Path source(EtlBatchRecord batch) {
        if (batch.getJobExecutionId() == null) {
            return null;
        }
        JobExecution execution = jobRepository.getJobExecution(batch.getJobExecutionId());
        String file = execution == null ? null : execution.getJobParameters().getString(ImportJobConfiguration.FILE);
        return file == null ? null : Path.of(file);
    }

    /** The encoding the user named for the import (null: it was detected, and is again). */
    private java.nio.charset.Charset encoding(EtlBatchRecord batch) {
        JobExecution execution = batch.getJobExecutionId() == null ? null
                : jobRepository.getJobExecution(batch.getJobExecutionId());
        return execution == null ? null
                : CsvCharsets.named(execution.getJobParameters().getString(ImportJobConfiguration.ENCODING)).orElse(null);
    }

    void write(long id, OutputStream out) throws IOException {
        EtlBatchRecord batch = batches.find(id).orElseThrow(() -> new ImportController.ImportNotFound(id));
        List<EtlBatchRepository.RejectedRow> rejected = batches.rejectedRows(id);
        Map<String, String> reasons = new HashMap<>();
        rejected.forEach(r -> reasons.put(key(r.sheet(), r.row()), r.reasons()));
        Map<String, Map<Integer, String>> cells = new LinkedHashMap<>();
        Map<Integer, String> headers = new TreeMap<>();
        Path source = source(batch);
        if (!rejected.isEmpty() && source != null && Files.isRegularFile(source)) {
            ImportKind kind = ImportKind.fromCode(batch.getKind()).orElseThrow();
            List<MappingProfile> candidates = batch.getProfile() == null ? profiles.candidates(kind, null)
                    : profiles.find(batch.getProfile()).map(List::of).orElse(profiles.candidates(kind, null));
            LedgerMapper mapper = new LedgerMapper(candidates, batch.getFileName(), false, null, Long.MAX_VALUE, null, null);
            String[] sheet = {null};
            LedgerRows.read(source, batch.getFileName(), new LedgerRows.Sink() {
                @Override
                public void startSheet(String name) {
                    sheet[0] = name;
                    mapper.startSheet(name);
                }

                @Override
                public void row(int rowNumber, Map<Integer, String> rowCells) throws IOException {
                    mapper.row(rowNumber, rowCells);
                    String k = key(sheet[0], rowNumber);
                    if (reasons.containsKey(k) && !mapper.placedColumns().isEmpty()) {
                        mapper.headerNames().forEach(headers::putIfAbsent);
                        cells.put(k, new TreeMap<>(rowCells));
                    }
                }

                @Override
                public void endSheet() {
                    mapper.endSheet();
                }
            }, encoding(batch));
        }
        try (SXSSFWorkbook book = new SXSSFWorkbook(200)) {
            Sheet s = book.createSheet("拒收记录");
            CellStyle head = book.createCellStyle();
            Font bold = book.createFont();
            bold.setBold(true);
            head.setFont(bold);
            head.setFillForegroundColor(IndexedColors.LIGHT_YELLOW.getIndex());
            head.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            List<Integer> columns = new ArrayList<>(headers.keySet());
            if (columns.isEmpty()) {
                ImportKind.fromCode(batch.getKind()).ifPresent(k -> {
                    for (int i = 0; i < k.headers().size(); i++) {
                        headers.put(i, k.headers().get(i));
                        columns.add(i);
                    }
                });
            }
            Row header = s.createRow(0);
            int c = 0;
            for (int col : columns) {
                header.createCell(c++).setCellValue(headers.get(col));
            }
            header.createCell(c++).setCellValue(REASON);
            header.createCell(c++).setCellValue("原工作表");
            header.createCell(c).setCellValue("原行号");
            header.forEach(cell -> cell.setCellStyle(head));
            int r = 1;
            for (EtlBatchRepository.RejectedRow rejectedRow : rejected) {
                Row row = s.createRow(r++);
                Map<Integer, String> values = cells.getOrDefault(key(rejectedRow.sheet(), rejectedRow.row()), Map.of());
                c = 0;
                for (int col : columns) {
                    String v = values.get(col);
                    if (v != null) {
                        row.createCell(c).setCellValue(v);
                    }
                    c++;
                }
                row.createCell(c++).setCellValue(rejectedRow.reasons());
                if (rejectedRow.sheet() != null) {
                    row.createCell(c).setCellValue(rejectedRow.sheet());
                }
                c++;
                row.createCell(c).setCellValue(rejectedRow.row());
            }
            s.createFreezePane(0, 1);
            book.write(out);
            book.dispose();
        }
    }

    private static String key(String sheet, long row) {
        return (sheet == null ? "" : sheet) + "#" + row;
    }
}
