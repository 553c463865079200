package cn.anjian.export;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * The one place export tests build and send requests. When security lands, add the user here
 * ({@code .with(user("cadre").roles(...))}) and every export test follows.
 */
final class ExportRequests {

    private ExportRequests() {
    }

    /** A GET of {@code url} with parameters given as name, value, name, value… */
    static MockHttpServletRequestBuilder request(String url, String... params) {
        MockHttpServletRequestBuilder b = get(url);
        for (int i = 0; i + 1 < params.length; i += 2) {
            b.param(params[i], params[i + 1]);
        }
        return b;
    }

    /** Performs a streamed download to the end; fails unless it is a 200. */
    static MockHttpServletResponse download(MockMvc mvc, MockHttpServletRequestBuilder request) throws Exception {
        MvcResult started = mvc.perform(request).andReturn();
        MockHttpServletResponse response = started.getRequest().isAsyncStarted()
                ? mvc.perform(asyncDispatch(started)).andReturn().getResponse() : started.getResponse();
        assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
        return response;
    }

    static List<CSVRecord> csv(byte[] body) throws IOException {
        assertThat(body).startsWith(0xEF, 0xBB, 0xBF);
        try (Reader r = new InputStreamReader(new ByteArrayInputStream(body, 3, body.length - 3),
                StandardCharsets.UTF_8)) {
            return CSVFormat.RFC4180.parse(r).getRecords();
        }
    }

    static XSSFWorkbook xlsx(byte[] body) throws IOException {
        return new XSSFWorkbook(new ByteArrayInputStream(body));
    }
}
