// One request and its response on an open connection: the read timeout, the header-size limit,
// the body limit past which reading stops, and what each way of failing means for the caller
// (above all, whether the request may already have reached Clerk).
#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include <boost/asio/ssl/error.hpp>
#include <boost/beast/http/buffer_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include "tools/clerk_client_internal.hpp"

namespace clerk_mcp::tools {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using detail::make_error;
using detail::steady;

namespace {

using response_parser = http::response_parser<http::buffer_body>;

bool is_http_parse_error(const beast::error_code& ec) {
    return ec.category() == http::make_error_code(http::error::bad_version).category();
}

// The peer went away at a point where that is the normal end of an idle keep-alive connection.
bool is_closed_by_peer(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::eof ||
           ec == net::error::connection_reset || ec == net::error::broken_pipe ||
           ec == net::ssl::error::stream_truncated;
}

// Writes `request` to `c`; `written` says how many bytes left, so whether Clerk saw any.
beast::error_code write_request(clerk_connection& c,
                                const detail::beast_request& request,
                                std::size_t& written) {
    return c.with_stream([&](auto& stream) {
        return detail::run(c.ioc, [&](auto handler) {
            http::async_write(
                stream, request, [handler, &written](beast::error_code e, std::size_t n) mutable {
                    written = n;
                    handler(e);
                });
        });
    });
}

beast::error_code read_head(clerk_connection& c, response_parser& parser) {
    return c.with_stream([&](auto& stream) {
        return detail::run(c.ioc, [&](auto handler) {
            http::async_read_header(stream, c.buffer, parser, handler);
        });
    });
}

// The status, headers and declared length of the response whose head `parser` has read.
http_response response_head(const response_parser& parser) {
    http_response response;
    response.status = static_cast<int>(parser.get().result_int());
    for (const auto& field : parser.get()) {
        response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    if (parser.content_length()) {
        response.declared_length = *parser.content_length();
    }
    return response;
}

// Reads the body into `response`, keeping at most `body_limit` bytes; past it, stops reading and
// sets `truncated`.
beast::error_code read_body(clerk_connection& c,
                            response_parser& parser,
                            std::size_t body_limit,
                            http_response& response) {
    std::array<char, 16 * 1024> chunk;
    while (!parser.is_done()) {
        parser.get().body().data = chunk.data();
        parser.get().body().size = chunk.size();
        beast::error_code ec = c.with_stream([&](auto& stream) {
            return detail::run(
                c.ioc, [&](auto handler) { http::async_read(stream, c.buffer, parser, handler); });
        });
        if (ec == http::error::need_buffer) {
            ec = {};
        }
        if (ec == net::ssl::error::stream_truncated && parser.need_eof()) {
            // A body delimited by the close, from a server that skipped TLS close_notify.
            parser.put_eof(ec);
        }
        if (ec) {
            return ec;
        }
        const std::size_t got = chunk.size() - parser.get().body().size;
        const std::size_t room = body_limit - response.body.size();
        response.body.append(chunk.data(), std::min(got, room));
        if (got > room) {
            response.truncated = true;
            break;
        }
    }
    return {};
}

}  // namespace

transport_error clerk_http_client::impl::read_failure(const beast::error_code& ec,
                                                      bool got_some,
                                                      bool timed_out_by_budget) const {
    // The request was written: whether Clerk acted on it is unknown. What that means for the
    // caller depends on the method, which the tool layer says.
    constexpr std::string_view unsure = " The request may have reached Clerk.";
    if (ec == beast::error::timeout) {
        return make_error(transport_error_kind::read_timeout,
                          "no complete response from " + where.display + " within " +
                              (timed_out_by_budget ? std::string("the call's time budget")
                                                   : std::to_string(config.read_timeout.count()) +
                                                         " ms (the read timeout)") +
                              "." + std::string(unsure),
                          true);
    }
    if (ec == http::error::header_limit) {
        return make_error(transport_error_kind::header_too_large,
                          "the response headers from " + where.display + " exceed " +
                              std::to_string(config.header_limit) + " bytes.",
                          true);
    }
    if (is_closed_by_peer(ec) && !got_some) {
        return make_error(
            transport_error_kind::connection_closed,
            where.display + " closed the connection without answering." + std::string(unsure),
            true);
    }
    if (ec == http::error::partial_message || is_closed_by_peer(ec)) {
        return make_error(transport_error_kind::incomplete_response,
                          "the connection to " + where.display +
                              " ended in the middle of the response (" + ec.message() + ")." +
                              std::string(unsure),
                          true);
    }
    if (is_http_parse_error(ec)) {
        return make_error(transport_error_kind::protocol,
                          where.display + " sent a malformed HTTP response: " + ec.message(),
                          true);
    }
    return make_error(transport_error_kind::incomplete_response,
                      "reading the response from " + where.display + " failed: " + ec.message() +
                          "." + std::string(unsure),
                      true);
}

transport_result clerk_http_client::impl::exchange(clerk_connection& c,
                                                   const detail::beast_request& request,
                                                   steady::time_point deadline,
                                                   bool& reusable) {
    reusable = false;
    const steady::time_point read_deadline =
        std::min(deadline, steady::now() + config.read_timeout);
    const bool budget_is_tighter = deadline < steady::now() + config.read_timeout;
    c.lowest().expires_at(read_deadline);

    // Nothing reached the server when no byte was written.
    std::size_t written = 0;
    beast::error_code ec = write_request(c, request, written);
    if (ec == beast::error::timeout) {
        return read_failure(ec, false, budget_is_tighter);
    }
    if (ec) {
        return make_error(transport_error_kind::write_failed,
                          "sending the request to " + where.display + " failed: " + ec.message(),
                          written > 0);
    }

    // The header limit is raised because Clerk-shaped mocks send 8+ KB of headers.
    response_parser parser;
    parser.header_limit(static_cast<std::uint32_t>(config.header_limit));
    parser.body_limit(boost::none);
    if (ec = read_head(c, parser); ec) {
        return read_failure(ec, parser.got_some(), budget_is_tighter);
    }
    http_response response = response_head(parser);

    if (ec = read_body(c, parser, config.body_limit, response); ec) {
        return read_failure(ec, true, budget_is_tighter);
    }

    reusable = parser.is_done() && parser.keep_alive() && !response.truncated;
    return response;
}

}  // namespace clerk_mcp::tools
