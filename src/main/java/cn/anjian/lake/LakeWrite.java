package cn.anjian.lake;

import java.util.List;

/**
 * What one lake write did.
 *
 * @param written   the partitions rewritten, as {@code table/year=…/county=…/town=…}
 * @param unchanged how many partitions were left as they were
 * @param removed   the partitions deleted because the warehouse no longer has rows for them
 * @param rows      rows in the lake after the write
 */
public record LakeWrite(String dir, List<String> written, int unchanged, List<String> removed, long rows) {
}
