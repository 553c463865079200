package cn.anjian.warehouse;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the code lists users edit live ({@link CodeLists}).
 *
 * @param file the code-list file ({@code anjian.codes.file}); when it does not exist, the copy shipped in the
 *             program is used
 */
@ConfigurationProperties("anjian.codes")
public record CodeListProperties(@DefaultValue("./etl/codes.yaml") Path file) {
}
