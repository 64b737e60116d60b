// The base URL is operator input: anything that would send the bearer key somewhere unexpected
// (a password in the URL, plain http across the network) is refused at startup, not per request.
#include "tools/clerk_endpoint.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include <boost/url/parse.hpp>

namespace clerk_mcp::tools::detail {

namespace {

// The base URL as Boost.URL sees it, once the parts it must not have are ruled out.
boost::urls::url_view checked_url(const std::string& base_url) {
    const auto parsed = boost::urls::parse_absolute_uri(base_url);
    if (!parsed) {
        throw std::invalid_argument("the Clerk API URL '" + base_url +
                                    "' is not an absolute URL such as https://api.clerk.com");
    }
    const boost::urls::url_view url = *parsed;
    if (url.has_userinfo()) {
        // Not echoed: a password in the URL is a secret too.
        throw std::invalid_argument(
            "the Clerk API URL must not carry a user name or password; the secret key is sent "
            "as a bearer token instead");
    }
    if (url.has_query() || url.has_fragment()) {
        throw std::invalid_argument("the Clerk API URL '" + base_url +
                                    "' must not have a query or fragment");
    }
    return url;
}

// Fills `o.host` and `o.host_is_ip` from `url`; returns whether the host is loopback.
bool read_host(const boost::urls::url_view& url, clerk_origin& o) {
    switch (url.host_type()) {
        case boost::urls::host_type::ipv4:
            o.host_is_ip = true;
            o.host = url.host_address();
            return url.host_ipv4_address().to_bytes()[0] == 127;
        case boost::urls::host_type::ipv6:
            o.host_is_ip = true;
            o.host = url.host_address();
            return url.host_ipv6_address().is_loopback();
        case boost::urls::host_type::name:
            o.host = url.host_address();
            std::transform(o.host.begin(), o.host.end(), o.host.begin(), [](unsigned char c) {
                return static_cast<char>(std::tolower(c));
            });
            return o.host == "localhost";
        default:
            return false;
    }
}

// Fills the port, the Host header, the display form and the path prefix.
void read_location(const boost::urls::url_view& url, const std::string& scheme, clerk_origin& o) {
    const std::string default_port = o.tls ? "443" : "80";
    o.port = url.has_port() && !url.port().empty() ? std::string(url.port()) : default_port;
    const std::string bracketed =
        url.host_type() == boost::urls::host_type::ipv6 ? "[" + o.host + "]" : o.host;
    o.host_header = o.port == default_port ? bracketed : bracketed + ":" + o.port;
    o.display = scheme + "://" + o.host_header;
    o.path_prefix = std::string(url.encoded_path());
    while (!o.path_prefix.empty() && o.path_prefix.back() == '/') {
        o.path_prefix.pop_back();
    }
}

}  // namespace

clerk_origin parse_clerk_origin(const std::string& base_url) {
    const boost::urls::url_view url = checked_url(base_url);

    clerk_origin o;
    const std::string scheme(url.scheme());
    if (scheme != "https" && scheme != "http") {
        throw std::invalid_argument("the Clerk API URL '" + base_url +
                                    "' must use https (or http to a loopback host)");
    }
    o.tls = scheme == "https";

    const bool loopback = read_host(url, o);
    if (o.host.empty()) {
        throw std::invalid_argument("the Clerk API URL '" + base_url + "' names no usable host");
    }
    if (!o.tls && !loopback) {
        // The bearer key would cross the network in clear text.
        throw std::invalid_argument(
            "the Clerk API URL '" + base_url +
            "' uses plain http to a host that is not loopback; the secret key would travel "
            "unencrypted. Use https, or http only to 127.0.0.1, ::1 or localhost");
    }

    read_location(url, scheme, o);
    return o;
}

bool is_header_safe(std::string_view value) {
    return std::all_of(value.begin(), value.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u >= 0x20 && u != 0x7f;
    });
}

bool is_target_safe(std::string_view target) {
    return !target.empty() && target.front() == '/' &&
           std::all_of(target.begin(), target.end(), [](char c) {
               const auto u = static_cast<unsigned char>(c);
               return u > 0x20 && u < 0x7f && c != '#';
           });
}

}  // namespace clerk_mcp::tools::detail
