// Test helper: a scripted HTTP/1.1 server on 127.0.0.1 (plain, or TLS with a given certificate)
// that records every request and answers with raw bytes chosen by the test, so that tests can
// send exactly the faults a real upstream produces: huge headers, cut bodies, silence, closes.
#pragma once

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/write.hpp>

namespace clerk_mcp::test {

struct received_request {
    std::string method;
    std::string target;
    std::vector<std::pair<std::string, std::string>> headers;  // names in lower case
    std::string body;
    std::size_t connection = 0;  // 1 for the first connection accepted, and so on

    // The value of header `name` (lower case), or empty.
    std::string header(std::string_view name) const {
        for (const auto& [key, value] : headers) {
            if (key == name) {
                return value;
            }
        }
        return {};
    }
};

// What the server does after reading one request.
struct scripted_reply {
    std::string bytes;          // written as is
    bool close_after = false;   // close the connection once `bytes` are written
    bool never_answer = false;  // write nothing; wait until the client leaves
};

// A complete response with a Content-Length; `extra_headers` are whole lines ending in CRLF.
inline std::string http_text(int status,
                             std::string_view body,
                             std::string_view extra_headers = {}) {
    return "HTTP/1.1 " + std::to_string(status) + " Status\r\nContent-Type: application/json\r\n" +
           "Content-Length: " + std::to_string(body.size()) + "\r\n" + std::string(extra_headers) +
           "\r\n" + std::string(body);
}

class loopback_server {
public:
    using handler = std::function<scripted_reply(const received_request&)>;

    struct tls_files {
        std::filesystem::path certificate;
        std::filesystem::path private_key;
    };

    // Listens on 127.0.0.1 at a free port and serves on its own thread until destroyed.
    explicit loopback_server(handler on_request, std::optional<tls_files> tls = std::nullopt)
        : on_request_(std::move(on_request)), tls_(std::move(tls)) {
        namespace net = boost::asio;
        acceptor_.open(net::ip::tcp::v4());
        acceptor_.set_option(net::socket_base::reuse_address(true));
        acceptor_.bind({net::ip::make_address("127.0.0.1"), 0});
        acceptor_.listen();
        if (tls_) {
            tls_context_.use_certificate_chain_file(tls_->certificate.string());
            tls_context_.use_private_key_file(tls_->private_key.string(), net::ssl::context::pem);
        }
        accept();
        thread_ = std::thread([this] { ioc_.run(); });
    }

    ~loopback_server() {
        ioc_.stop();
        thread_.join();
    }

    loopback_server(const loopback_server&) = delete;
    loopback_server& operator=(const loopback_server&) = delete;

    unsigned short port() const { return acceptor_.local_endpoint().port(); }

    std::string base_url() const {
        return std::string(tls_ ? "https" : "http") + "://127.0.0.1:" + std::to_string(port());
    }

    std::vector<received_request> requests() const {
        std::lock_guard lock(mutex_);
        return requests_;
    }

    std::size_t connections() const { return connections_.load(); }

private:
    using tcp = boost::asio::ip::tcp;
    using tls_stream = boost::asio::ssl::stream<tcp::socket>;

    // One connection; Stream is a socket or a TLS stream over one.
    template <class Stream>
    struct session : std::enable_shared_from_this<session<Stream>> {
        loopback_server& server;
        Stream stream;
        std::size_t id;
        std::string buffer;

        session(loopback_server& s, Stream st, std::size_t n)
            : server(s), stream(std::move(st)), id(n) {}

        void read_head() {
            boost::asio::async_read_until(
                stream,
                boost::asio::dynamic_buffer(buffer),
                "\r\n\r\n",
                [self = this->shared_from_this()](boost::system::error_code ec, std::size_t n) {
                    if (!ec) {
                        self->on_head(n);
                    }
                });
        }

        void on_head(std::size_t head_size) {
            auto request =
                std::make_shared<received_request>(parse_head(buffer.substr(0, head_size)));
            request->connection = id;
            buffer.erase(0, head_size);
            const std::string length = request->header("content-length");
            const std::size_t wanted = length.empty() ? 0 : std::stoul(length);
            const std::size_t missing = wanted > buffer.size() ? wanted - buffer.size() : 0;
            boost::asio::async_read(stream,
                                    boost::asio::dynamic_buffer(buffer),
                                    boost::asio::transfer_exactly(missing),
                                    [self = this->shared_from_this(), request, wanted](
                                        boost::system::error_code ec, std::size_t) {
                                        if (ec) {
                                            return;
                                        }
                                        request->body = self->buffer.substr(0, wanted);
                                        self->buffer.erase(0, wanted);
                                        self->answer(*request);
                                    });
        }

        void answer(const received_request& request) {
            scripted_reply reply;
            {
                std::lock_guard lock(server.mutex_);
                server.requests_.push_back(request);
            }
            reply = server.on_request_(request);
            if (reply.never_answer) {
                read_head();  // ends when the client gives up and closes
                return;
            }
            auto bytes = std::make_shared<std::string>(std::move(reply.bytes));
            boost::asio::async_write(
                stream,
                boost::asio::buffer(*bytes),
                [self = this->shared_from_this(), bytes, close = reply.close_after](
                    boost::system::error_code ec, std::size_t) {
                    if (ec) {
                        return;
                    }
                    if (close) {
                        self->close();
                    } else {
                        self->read_head();
                    }
                });
        }

        void close() {
            boost::system::error_code ignored;
            auto& socket = stream.lowest_layer();
            socket.shutdown(tcp::socket::shutdown_both, ignored);
            socket.close(ignored);
        }
    };

    static received_request parse_head(std::string_view head) {
        received_request request;
        std::size_t line_end = head.find("\r\n");
        const std::string_view request_line = head.substr(0, line_end);
        const std::size_t first_space = request_line.find(' ');
        const std::size_t second_space = request_line.find(' ', first_space + 1);
        request.method = std::string(request_line.substr(0, first_space));
        request.target =
            std::string(request_line.substr(first_space + 1, second_space - first_space - 1));
        while (line_end + 2 < head.size()) {
            const std::size_t start = line_end + 2;
            line_end = head.find("\r\n", start);
            const std::string_view line = head.substr(start, line_end - start);
            const std::size_t colon = line.find(':');
            if (line.empty() || colon == std::string_view::npos) {
                continue;
            }
            std::string name(line.substr(0, colon));
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) {
                return static_cast<char>(std::tolower(c));
            });
            std::string_view value = line.substr(colon + 1);
            while (!value.empty() && value.front() == ' ') {
                value.remove_prefix(1);
            }
            request.headers.emplace_back(std::move(name), std::string(value));
        }
        return request;
    }

    void accept() {
        acceptor_.async_accept([this](boost::system::error_code ec, tcp::socket socket) {
            if (ec) {
                return;
            }
            const std::size_t id = ++connections_;
            if (tls_) {
                auto s = std::make_shared<session<tls_stream>>(
                    *this, tls_stream(std::move(socket), tls_context_), id);
                s->stream.async_handshake(boost::asio::ssl::stream_base::server,
                                          [s](boost::system::error_code e) {
                                              if (!e) {
                                                  s->read_head();
                                              }
                                          });
            } else {
                std::make_shared<session<tcp::socket>>(*this, std::move(socket), id)->read_head();
            }
            accept();
        });
    }

    handler on_request_;
    std::optional<tls_files> tls_;
    boost::asio::ssl::context tls_context_{boost::asio::ssl::context::tls_server};
    boost::asio::io_context ioc_;  // after the context: pending sessions die with it
    tcp::acceptor acceptor_{ioc_};
    mutable std::mutex mutex_;
    std::vector<received_request> requests_;
    std::atomic<std::size_t> connections_{0};
    std::thread thread_;
};

}  // namespace clerk_mcp::test
