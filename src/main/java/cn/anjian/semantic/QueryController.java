package cn.anjian.semantic;

import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Ad-hoc questions to the catalogue: {@code /api/query?metrics=a,b&dims=x&from=&to=&<filter>=…}. The same
 * builder, filters and row scope as the dashboards; without {@code from}/{@code to} the last 12 months.
 */
@RestController
@RequestMapping("/api/query")
class QueryController {

    private final QueryRequests requests;

    QueryController(QueryRequests requests) {
        this.requests = requests;
    }

    @GetMapping
    QueryResult query(@RequestParam MultiValueMap<String, String> params) {
        return requests.answer(params).result();
    }
}
