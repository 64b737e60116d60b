#include "mcp/session.hpp"

#include <utility>

#include <boost/json/serialize.hpp>

#include "mcp/jsonrpc.hpp"

namespace clerk_mcp::mcp {
namespace {

namespace json = boost::json;

// The value a pending request resolves to when the connection closes under it: an error with
// no code, which `read_answer` reports as the bare message.
json::value closed_answer() {
    return json::object{
        {"error", {{"message", "the connection closed before the client answered"}}}};
}

// Turns the client's response (or the synthetic closed answer) into the caller's result.
boost::system::result<json::value, std::string> read_answer(std::string_view method,
                                                            json::value answer) {
    json::object& object = answer.get_object();
    if (json::value* result = object.if_contains("result")) {
        return {boost::system::in_place_value, std::move(*result)};
    }
    const json::object& error = object.at("error").get_object();
    std::string detail = "no message";
    if (const json::value* message = error.if_contains("message");
        message && message->is_string()) {
        detail = message->get_string();
    }
    const json::value* code = error.if_contains("code");
    if (code == nullptr) {
        return {boost::system::in_place_error, std::move(detail)};
    }
    return {boost::system::in_place_error,
            "the client answered " + std::string(method) + " with error " + json::serialize(*code) +
                ": " + detail};
}

}  // namespace

std::string session::protocol_version() const {
    std::lock_guard lock(mutex_);
    return protocol_version_;
}

boost::json::object session::client_capabilities() const {
    std::lock_guard lock(mutex_);
    return client_capabilities_;
}

bool session::initialized() const {
    std::lock_guard lock(mutex_);
    return initialized_;
}

void session::set_negotiated(std::string protocol_version,
                             boost::json::object client_capabilities) {
    std::lock_guard lock(mutex_);
    protocol_version_ = std::move(protocol_version);
    // The capabilities may live in a parser's short-lived arena; keep a copy of our own.
    client_capabilities_ = json::object(client_capabilities, json::storage_ptr());
}

void session::mark_initialized() {
    std::lock_guard lock(mutex_);
    initialized_ = true;
}

boost::system::result<boost::json::value, std::string> session::request(
    std::string_view method,
    boost::json::object params,
    const message_sender& send,
    std::chrono::milliseconds timeout) {
    // Register the request before sending it: the answer can arrive before `send` returns.
    std::int64_t id = 0;
    std::future<json::value> answer;
    {
        std::lock_guard lock(mutex_);
        if (closed_) {
            return {boost::system::in_place_error,
                    "cannot send " + std::string(method) + ": the connection is closed"};
        }
        id = next_request_id_++;
        answer = pending_[id].get_future();
    }

    if (!send || !send(jsonrpc::encode_request(json::value(id), method, params))) {
        std::lock_guard lock(mutex_);
        pending_.erase(id);
        return {boost::system::in_place_error,
                "cannot send " + std::string(method) + ": the client's stream is closed"};
    }

    if (answer.wait_for(timeout) != std::future_status::ready) {
        std::lock_guard lock(mutex_);
        // The answer may have been delivered between the wait and the lock; prefer it.
        if (answer.wait_for(std::chrono::milliseconds(0)) != std::future_status::ready) {
            pending_.erase(id);
            return {boost::system::in_place_error,
                    "the client did not answer " + std::string(method) + " within " +
                        std::to_string(timeout.count()) + " ms"};
        }
    }
    return read_answer(method, answer.get());
}

bool session::deliver_response(const boost::json::value& message) {
    const json::object* object = message.if_object();
    if (object == nullptr || object->contains("method") ||
        !(object->contains("result") || object->contains("error"))) {
        return false;
    }

    // Our ids are integers; a client that echoes anything else answers nothing we sent, but the
    // message is still a response and must not be treated as a request.
    const json::value* id = object->if_contains("id");
    if (id == nullptr || !id->is_int64()) {
        return true;
    }
    const json::value* error = object->if_contains("error");
    if (object->contains("result") == (error != nullptr) ||
        (error != nullptr && !error->is_object())) {
        return true;
    }

    std::promise<json::value> waiting;
    {
        std::lock_guard lock(mutex_);
        auto it = pending_.find(id->get_int64());
        if (it == pending_.end()) {
            return true;
        }
        waiting = std::move(it->second);
        pending_.erase(it);
    }
    // A deep copy into the default resource: the message may live in a parser's arena.
    waiting.set_value(json::value(message, json::storage_ptr()));
    return true;
}

void session::close() {
    std::map<std::int64_t, std::promise<json::value>> failing;
    {
        std::lock_guard lock(mutex_);
        closed_ = true;
        failing.swap(pending_);
    }
    for (auto& [id, promise] : failing) {
        promise.set_value(closed_answer());
    }
}

}  // namespace clerk_mcp::mcp
