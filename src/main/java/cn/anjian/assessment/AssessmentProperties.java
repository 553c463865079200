package cn.anjian.assessment;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the assessment schemes are.
 *
 * @param location resource pattern of the scheme files, one per year ({@code 2023.yaml})
 */
@Validated
@ConfigurationProperties("anjian.assessment")
public record AssessmentProperties(
        @NotBlank @DefaultValue("classpath*:dashboards/assessment/*.yaml") String location) {
}
