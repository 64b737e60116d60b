// Replays the recorded client/server exchanges under $CLERK_MCP_TEST_TRANSCRIPTS through the
// stdio transport, in memory. The file format is described in tests/transcripts/README.md.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <istream>
#include <map>
#include <mutex>
#include <optional>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include "mcp/jsonrpc.hpp"
#include "mcp/stdio_transport.hpp"
#include "tests/mcp/fake_tools.hpp"
#include "tests/mcp/test_streams.hpp"
#include "tests/mcp/transcript_fixtures.hpp"

namespace clerk_mcp::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

// How long a transcript waits for the server's next line before calling it missing.
constexpr auto line_wait = 5s;

struct fixture_registry {
    std::mutex mutex;
    std::map<std::string, transcript_server_factory, std::less<>> factories;
};

fixture_registry& registry() {
    static fixture_registry instance;
    return instance;
}

const bool fake_registered = register_transcript_fixture("fake", [] { return make_fake_server(); });

// One line of a transcript file.
struct step {
    enum class kind { send, expect, expect_subset };
    kind what = kind::send;
    std::string text;     // send: the line to write
    json::value pattern;  // expect: the server line to match
    std::size_t line_number = 0;
};

struct transcript {
    std::string fixture = "fake";
    std::vector<step> steps;
};

std::string from_hex(std::string_view hex) {
    std::string bytes;
    for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
        bytes.push_back(static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16)));
    }
    return bytes;
}

// Reads a transcript file; failures name the file line.
std::optional<transcript> load(const std::filesystem::path& path, std::string& problem) {
    std::ifstream file(path, std::ios::binary);
    transcript loaded;
    std::size_t number = 0;
    for (std::string line; std::getline(file, line);) {
        ++number;
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        boost::system::error_code ec;
        json::value entry = json::parse(line, ec);
        if (ec || !entry.is_object() || entry.as_object().size() != 1) {
            problem = "line " + std::to_string(number) + ": not an object with exactly one member";
            return std::nullopt;
        }
        const auto& [name, value] = *entry.as_object().begin();
        step s;
        s.line_number = number;
        if (name == "fixture" && value.is_string() && number == 1) {
            loaded.fixture = value.as_string();
            continue;
        } else if (name == "comment") {
            continue;
        } else if (name == "send") {
            s.text = json::serialize(value);
        } else if (name == "send_raw" && value.is_string()) {
            s.text = value.as_string();
        } else if (name == "send_hex" && value.is_string()) {
            s.text = from_hex(value.as_string());
        } else if (name == "expect" || name == "expect_subset") {
            s.what = name == "expect" ? step::kind::expect : step::kind::expect_subset;
            s.pattern = value;
        } else {
            problem =
                "line " + std::to_string(number) + ": unknown entry \"" + std::string(name) + "\"";
            return std::nullopt;
        }
        loaded.steps.push_back(std::move(s));
    }
    return loaded;
}

// Compares a server value with a pattern. "<any>" matches any value, "<contains:TEXT>" any
// string containing TEXT; in subset mode an object may have members the pattern lacks. Returns
// where and how they differ, or nothing when they match.
std::optional<std::string> mismatch(const json::value& pattern,
                                    const json::value& actual,
                                    bool subset,
                                    const std::string& where) {
    if (pattern.is_string()) {
        std::string_view text = pattern.as_string();
        if (text == "<any>") {
            return std::nullopt;
        }
        constexpr std::string_view contains = "<contains:";
        if (text.starts_with(contains) && text.ends_with(">")) {
            std::string_view part = text.substr(contains.size(), text.size() - contains.size() - 1);
            if (actual.is_string() &&
                std::string_view(actual.as_string()).find(part) != std::string_view::npos) {
                return std::nullopt;
            }
            return where + ": expected a string containing \"" + std::string(part) + "\", got " +
                   json::serialize(actual);
        }
    }
    if (pattern.is_object() && actual.is_object()) {
        const json::object& want = pattern.as_object();
        const json::object& got = actual.as_object();
        for (const auto& member : want) {
            const json::value* found = got.if_contains(member.key());
            if (found == nullptr) {
                return where + "/" + std::string(member.key()) + ": missing";
            }
            if (auto problem = mismatch(
                    member.value(), *found, subset, where + "/" + std::string(member.key()))) {
                return problem;
            }
        }
        if (!subset) {
            for (const auto& member : got) {
                if (!want.contains(member.key())) {
                    return where + "/" + std::string(member.key()) + ": not expected";
                }
            }
        }
        return std::nullopt;
    }
    if (pattern.is_array() && actual.is_array()) {
        const json::array& want = pattern.as_array();
        const json::array& got = actual.as_array();
        if (want.size() != got.size()) {
            return where + ": expected " + std::to_string(want.size()) + " elements, got " +
                   std::to_string(got.size());
        }
        for (std::size_t i = 0; i < want.size(); ++i) {
            if (auto problem = mismatch(want[i], got[i], subset, where + "/" + std::to_string(i))) {
                return problem;
            }
        }
        return std::nullopt;
    }
    if (pattern == actual) {
        return std::nullopt;
    }
    return where + ": expected " + json::serialize(pattern) + ", got " + json::serialize(actual);
}

// Every line the server writes must be one valid JSON-RPC message.
std::optional<json::value> read_server_line(const std::string& line, std::string& problem) {
    auto parsed = mcp::jsonrpc::parse(line);
    if (!parsed || !mcp::jsonrpc::decode(*parsed)) {
        problem = "the server wrote a line that is not a JSON-RPC message: " + line;
        return std::nullopt;
    }
    return std::move(*parsed);
}

// Runs one transcript and reports each failure through Boost.Test.
void replay(const transcript& script, transcript_server_factory make) {
    std::unique_ptr<mcp::server> srv = make();
    pipe_buffer input;
    line_sink output;
    std::istream in(&input);
    std::ostream out(&output);
    // One worker keeps the replies in the order of the requests, which the file records.
    std::thread runner([&] { mcp::run_stdio(*srv, in, out, {.workers = 1}); });

    for (const step& s : script.steps) {
        BOOST_TEST_CONTEXT("transcript line " << s.line_number) {
            if (s.what == step::kind::send) {
                input.write(s.text + "\n");
                continue;
            }
            std::optional<std::string> line = output.next_line(line_wait);
            BOOST_TEST(line.has_value(), "expected a server line; none came");
            if (!line) {
                break;
            }
            std::string problem;
            std::optional<json::value> got = read_server_line(*line, problem);
            BOOST_TEST(got.has_value(), problem);
            if (got) {
                auto differs = mismatch(s.pattern, *got, s.what == step::kind::expect_subset, "");
                BOOST_TEST(!differs.has_value(),
                           (differs ? *differs : "") << "\n  line: " << *line);
            }
        }
    }

    // End of input ends the run; nothing more may be written.
    input.close();
    runner.join();
    while (std::optional<std::string> extra = output.next_line(0ms)) {
        BOOST_ERROR("unexpected server line: " << *extra);
    }
    BOOST_TEST(output.unfinished().empty(), "the server left a line unfinished");
}

std::vector<std::filesystem::path> transcript_files() {
    const char* dir = std::getenv("CLERK_MCP_TEST_TRANSCRIPTS");
    BOOST_TEST_REQUIRE(dir != nullptr, "CLERK_MCP_TEST_TRANSCRIPTS is not set");
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
        if (entry.is_regular_file() && entry.path().extension() == ".jsonl") {
            files.push_back(entry.path());
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

}  // namespace

bool register_transcript_fixture(std::string name, transcript_server_factory make) {
    fixture_registry& r = registry();
    std::lock_guard lock(r.mutex);
    r.factories[std::move(name)] = std::move(make);
    return true;
}

transcript_server_factory find_transcript_fixture(std::string_view name) {
    fixture_registry& r = registry();
    std::lock_guard lock(r.mutex);
    auto found = r.factories.find(name);
    return found != r.factories.end() ? found->second : transcript_server_factory();
}

BOOST_AUTO_TEST_SUITE(transcripts)

BOOST_AUTO_TEST_CASE(every_recorded_exchange_replays_as_recorded) {
    BOOST_TEST(fake_registered);
    const std::vector<std::filesystem::path> files = transcript_files();
    BOOST_TEST_REQUIRE(!files.empty(), "no .jsonl transcripts found");
    for (const std::filesystem::path& path : files) {
        BOOST_TEST_CONTEXT(path.filename().string()) {
            std::string problem;
            std::optional<transcript> script = load(path, problem);
            BOOST_TEST(script.has_value(), problem);
            if (!script) {
                continue;
            }
            transcript_server_factory make = find_transcript_fixture(script->fixture);
            BOOST_TEST(static_cast<bool>(make), "no fixture named " << script->fixture);
            if (make) {
                replay(*script, make);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(patterns_match_wildcards_and_report_the_first_difference) {
    const json::value actual = json::parse(R"({"a":{"b":[1,"xyz"]},"c":true})");
    BOOST_TEST(
        !mismatch(json::parse(R"({"a":{"b":[1,"<contains:y>"]},"c":"<any>"})"), actual, false, ""));
    BOOST_TEST(!mismatch(json::parse(R"({"a":"<any>"})"), actual, true, ""));
    BOOST_TEST(*mismatch(json::parse(R"({"a":"<any>"})"), actual, false, "") == "/c: not expected");
    BOOST_TEST(
        *mismatch(json::parse(R"({"a":{"b":[1,"<contains:q>"]},"c":true})"), actual, false, "") ==
        R"(/a/b/1: expected a string containing "q", got "xyz")");
    BOOST_TEST(*mismatch(json::parse(R"({"a":{"b":[1]},"c":true})"), actual, false, "") ==
               "/a/b: expected 1 elements, got 2");
    BOOST_TEST(*mismatch(json::parse(R"({"d":1})"), actual, true, "") == "/d: missing");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace clerk_mcp::test
