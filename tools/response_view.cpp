#include "tools/response_view.hpp"

#include <ctime>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "mcp/jsonrpc.hpp"
#include "tools/clerk_knowledge.hpp"
#include "tools/rate_limiter.hpp"

namespace clerk_mcp::tools {

namespace json = boost::json;

namespace {

// At most `limit` bytes of `bytes` as valid UTF-8: every byte that breaks the encoding becomes
// U+FFFD, and the cut never splits a character. A body that is not JSON may be anything (an
// HTML error page in Latin-1, binary), and a result that is not UTF-8 would break the protocol.
std::string utf8_excerpt(std::string_view bytes, std::size_t limit) {
    static constexpr std::string_view replacement = "\xEF\xBF\xBD";
    std::string out;
    while (!bytes.empty() && out.size() < limit) {
        std::size_t bad = mcp::jsonrpc::first_invalid_utf8(bytes);
        std::string_view valid = bytes.substr(0, bad);
        if (out.size() + valid.size() > limit) {
            std::size_t cut = limit - out.size();
            // Back off to the start of a character.
            while (cut > 0 && (static_cast<unsigned char>(valid[cut]) & 0xC0) == 0x80) {
                --cut;
            }
            out.append(valid.substr(0, cut));
            break;
        }
        out.append(valid);
        if (bad == std::string_view::npos) {
            break;
        }
        out.append(replacement);
        bytes.remove_prefix(bad + 1);
    }
    return out;
}

// Keeps the first items of `items` whose serialized size fits in `limit` bytes; returns how
// many were kept.
std::size_t keep_fitting_items(json::array& items, std::size_t limit) {
    std::size_t used = 2;
    std::size_t kept = 0;
    for (; kept < items.size(); ++kept) {
        used += json::serialize(items[kept]).size() + 1;
        if (used > limit) {
            break;
        }
    }
    items.resize(kept);
    return kept;
}

// Cuts `data` to about `limit` bytes of JSON. Lists lose their last items, so what remains is
// still valid JSON the model can read; any other oversized body is replaced by its text start.
json::object cut_to_limit(json::value& data, std::size_t limit, std::size_t body_size) {
    json::array* items = data.is_array() ? &data.get_array() : nullptr;
    if (items == nullptr && data.is_object()) {
        auto it = data.get_object().find("data");
        if (it != data.get_object().end() && it->value().is_array()) {
            items = &it->value().get_array();
        }
    }
    if (items != nullptr) {
        std::size_t total = items->size();
        std::size_t kept = keep_fitting_items(*items, limit);
        return {{"kept_items", kept},
                {"dropped_items", total - kept},
                {"how_to_narrow",
                 "Lower `limit` and page with `offset`, or add filters (describe_endpoint lists "
                 "them), to see the rest."}};
    }
    data = json::string(utf8_excerpt(json::serialize(data), limit));
    return {{"kept_bytes", limit},
            {"total_bytes", body_size},
            {"how_to_narrow",
             "The body was cut as text. Fetch a narrower resource (a single id, fewer fields) "
             "to see all of it."}};
}

mcp::tool_result success_result(const response_context& context, const http_response& response) {
    json::object out{
        {"status", response.status}, {"instance", context.instance}, {"request", context.request}};
    std::string notes;
    json::value data = nullptr;
    if (!response.body.empty()) {
        boost::system::error_code ec;
        data = json::parse(response.body, ec);
        if (ec) {
            data = json::string(utf8_excerpt(response.body, context.result_limit));
            notes += "The body is not JSON" +
                     std::string(response.truncated ? " (it was cut at the size limit)" : "") +
                     "; shown as text.\n";
        }
    }

    // Page arithmetic runs on the whole body, before any cut.
    if (auto spec_page = find_pagination(context.parameters)) {
        if (auto page = inspect_page(data, requested_page(context.query, *spec_page))) {
            out["pagination"] = to_json(*page, *spec_page);
            notes += render(*page, *spec_page) + "\n";
        }
    }
    if (json::serialize(data).size() > context.result_limit) {
        auto marker = cut_to_limit(data, context.result_limit, response.body.size());
        notes += "TRUNCATED: the response was larger than this result can hold; " +
                 std::string(marker.at("how_to_narrow").get_string()) + "\n";
        out["truncated"] = std::move(marker);
    }
    if (response.truncated) {
        out["body_cut_by_client"] = true;
    }
    out["data"] = std::move(data);
    if (!notes.empty()) {
        out["notes"] = notes;
    }

    mcp::tool_result result;
    result.structured = std::move(out);
    return result;
}

}  // namespace

mcp::tool_result response_result(const response_context& context, const http_response& response) {
    if (response.status >= 200 && response.status < 300) {
        return success_result(context, response);
    }
    auto error = parse_clerk_error(static_cast<unsigned>(response.status), response.body);
    auto details = to_json(error);
    details["instance"] = context.instance;
    details["request"] = context.request;
    std::string text = "Clerk answered " + context.method + " " + context.path +
                       " with an error. " + render(error);
    // The model sees no headers: the wait Clerk asks for goes into the result itself.
    if (response.status == 429) {
        if (auto header = response.header("Retry-After")) {
            if (auto wait = parse_retry_after(*header, std::chrono::system_clock::now())) {
                details["retry_after_s"] = wait->count();
                text += " Clerk asks to wait " + std::to_string(wait->count()) +
                        " s before the next request (Retry-After).";
            }
        }
    }
    return mcp::tool_result::error(std::move(text), std::move(details));
}

mcp::tool_result transport_failure_result(const response_context& context,
                                          const transport_error& error) {
    std::string text =
        "No answer from Clerk for " + context.method + " " + context.path + ": " + error.message;
    if (!text.empty() && text.back() != '.') {
        text += '.';
    }
    if (error.request_sent) {
        text += context.method == "GET"
                    ? " A GET changes nothing, so repeating it is safe."
                    : " It may have been performed: check the resource with a GET before "
                      "repeating this write.";
    }
    if (error.kind == transport_error_kind::read_timeout ||
        error.kind == transport_error_kind::connect_timeout) {
        text +=
            " If Clerk is only slow, narrow the request (a smaller `limit`), or ask the "
            "operator to raise --request-timeout.";
    }
    json::object details{
        {"transport_error", to_string(error.kind)},
        {"request_may_have_been_performed", error.request_sent && context.method != "GET"},
        {"instance", context.instance},
        {"request", context.request}};
    if (error.retry_after) {
        details["retry_after_ms"] = error.retry_after->count();
    }
    return mcp::tool_result::error(std::move(text), std::move(details));
}

std::string format_time(std::chrono::system_clock::time_point t) {
    std::time_t seconds = std::chrono::system_clock::to_time_t(t);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &utc);
    return buffer;
}

}  // namespace clerk_mcp::tools
