// The ceiling for scripts/bench-http: a one-thread Beast keep-alive server that answers every
// request with the same fixed body, doing no MCP work at all. The benchmark measures clerk-mcp's
// HTTP transport against it on the same machine, with a body of the same size.
//
// Usage: bare_beast_server PORT BODY_BYTES
// Listens on 127.0.0.1:PORT (0 picks a free port) and prints "listening port=N" on stderr.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

class session : public std::enable_shared_from_this<session> {
public:
    session(tcp::socket&& socket, const std::string& body)
        : stream_(std::move(socket)), body_(body) {}

    void do_read() {
        request_ = {};
        http::async_read(stream_,
                         buffer_,
                         request_,
                         beast::bind_front_handler(&session::on_read, shared_from_this()));
    }

private:
    void on_read(beast::error_code ec, std::size_t) {
        if (ec) {
            return;
        }
        response_ = {};
        response_.result(http::status::ok);
        response_.version(11);
        response_.set(http::field::content_type, "application/json");
        response_.keep_alive(request_.keep_alive());
        response_.body() = body_;
        response_.prepare_payload();
        http::async_write(
            stream_, response_, beast::bind_front_handler(&session::on_write, shared_from_this()));
    }

    void on_write(beast::error_code ec, std::size_t) {
        if (ec || !response_.keep_alive()) {
            return;
        }
        do_read();
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    http::request<http::string_body> request_;
    http::response<http::string_body> response_;
    const std::string& body_;
};

void do_accept(tcp::acceptor& acceptor, const std::string& body) {
    acceptor.async_accept([&acceptor, &body](beast::error_code ec, tcp::socket socket) {
        if (!ec) {
            socket.set_option(tcp::no_delay(true), ec);
            std::make_shared<session>(std::move(socket), body)->do_read();
        }
        do_accept(acceptor, body);
    });
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: bare_beast_server PORT BODY_BYTES\n";
        return 2;
    }
    const auto port = static_cast<unsigned short>(std::atoi(argv[1]));
    // A JSON string of the requested size, so that clients that parse the body still can.
    const auto size = static_cast<std::size_t>(std::max(2, std::atoi(argv[2])));
    const std::string body = "\"" + std::string(size - 2, 'x') + "\"";

    net::io_context ioc(1);
    tcp::acceptor acceptor(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    std::cerr << "listening port=" << acceptor.local_endpoint().port() << std::endl;
    do_accept(acceptor, body);
    ioc.run();
    return 0;
}
