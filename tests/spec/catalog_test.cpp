#include "spec/catalog.hpp"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <boost/test/unit_test.hpp>
#include <unistd.h>

#include "spec/embedded.hpp"
#include "spec_test_support.hpp"

namespace {

namespace fs = std::filesystem;
using clerk_mcp::spec::catalog;
using clerk_mcp::spec::document;
using clerk_mcp::spec::embedded_spec;
namespace t = clerk_mcp::spec::testing;

// A spec folder in the temporary directory: two copies of the mini fixture, one broken version
// and files whose names are not versions. Removed afterwards.
struct spec_folder {
    fs::path dir;

    spec_folder() {
        static int counter = 0;
        dir = fs::temp_directory_path() / ("clerk_mcp_catalog_test_" + std::to_string(::getpid()) +
                                           "_" + std::to_string(counter++));
        fs::create_directories(dir);
        const std::string mini = t::read_text(t::data_dir() / "mini_openapi.yml");
        write("2030-01-01.yml", mini);
        write("2029-06-30.yml", mini);
        write("2028-01-01.yml", "openapi: 3.0.3\npaths: {\n");
        write("latest.yml", mini);
        write("2030-13-01.yml", mini);
        write("2031-01-01.yaml", mini);
        write("2031-01-01.yml.bak", mini);
    }
    ~spec_folder() {
        std::error_code ec;
        fs::remove_all(dir, ec);
    }

    void write(const std::string& name, const std::string& text) const {
        std::ofstream(dir / name, std::ios::binary) << text;
    }
};

std::string load_error(const catalog& c, std::string_view version) {
    auto doc = c.get(version);
    return doc ? std::string() : doc.error();
}

constexpr std::string_view tiny_spec =
    R"({"openapi":"3.0.3","paths":{"/ping":{"get":{"operationId":"Ping","tags":["Health"]}}}})";

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_catalog)

BOOST_FIXTURE_TEST_CASE(a_folder_serves_its_dated_yml_files_oldest_first, spec_folder) {
    catalog c = catalog::from_directory(dir);
    std::vector<std::string> expected = {"2028-01-01", "2029-06-30", "2030-01-01"};
    BOOST_TEST(c.versions() == expected, boost::test_tools::per_element());
    BOOST_TEST(c.latest() == "2030-01-01");
}

BOOST_FIXTURE_TEST_CASE(an_empty_version_means_the_latest, spec_folder) {
    catalog c = catalog::from_directory(dir);
    auto latest = c.get();
    BOOST_REQUIRE(latest.has_value());
    BOOST_TEST((*latest)->version() == "2030-01-01");
    BOOST_TEST((*latest)->operations().size() == 9u);
    BOOST_TEST(*c.get("") == *latest);
}

BOOST_FIXTURE_TEST_CASE(each_version_is_parsed_once, spec_folder) {
    catalog c = catalog::from_directory(dir);
    std::array<std::shared_ptr<const document>, 4> seen;
    std::vector<std::thread> threads;
    for (auto& slot : seen) {
        threads.emplace_back([&c, &slot] { slot = *c.get("2029-06-30"); });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    for (const auto& doc : seen) {
        BOOST_TEST(doc.get() == seen[0].get());
    }
    BOOST_TEST(seen[0]->version() == "2029-06-30");
}

BOOST_FIXTURE_TEST_CASE(an_unknown_version_names_the_served_ones, spec_folder) {
    catalog c = catalog::from_directory(dir);
    std::string error = load_error(c, "2024-10-01");
    BOOST_TEST(error.find("'2024-10-01'") != std::string::npos);
    BOOST_TEST(error.find("2028-01-01, 2029-06-30, 2030-01-01") != std::string::npos);
    BOOST_TEST(error.find("omit `version`") != std::string::npos);
}

BOOST_FIXTURE_TEST_CASE(a_broken_version_fails_alone_and_keeps_failing, spec_folder) {
    catalog c = catalog::from_directory(dir);
    std::string error = load_error(c, "2028-01-01");
    BOOST_TEST(error.find("cannot load spec version 2028-01-01") != std::string::npos);
    BOOST_TEST(error.find("line ") != std::string::npos);
    BOOST_TEST(load_error(c, "2028-01-01") == error);
    BOOST_TEST(c.get("2030-01-01").has_value());
}

BOOST_FIXTURE_TEST_CASE(a_catalog_can_be_moved, spec_folder) {
    catalog c = catalog::from_directory(dir);
    catalog moved = std::move(c);
    BOOST_TEST(moved.get().has_value());
}

BOOST_AUTO_TEST_CASE(a_folder_without_versions_is_rejected) {
    spec_folder folder;
    for (const char* name : {"2030-01-01.yml", "2029-06-30.yml", "2028-01-01.yml"}) {
        fs::remove(folder.dir / name);
    }
    BOOST_CHECK_THROW(catalog::from_directory(folder.dir), std::runtime_error);
    BOOST_CHECK_THROW(catalog::from_directory(folder.dir / "missing"), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(compiled_specs_are_parsed_on_demand) {
    const std::array<embedded_spec, 2> specs = {
        embedded_spec{"2030-02-01", tiny_spec},
        embedded_spec{"2030-01-01", R"({"openapi":"3.0.3"})"}};
    catalog c = catalog::from_compiled(specs);
    BOOST_TEST(c.latest() == "2030-02-01");
    BOOST_TEST((*c.get())->find_by_operation_id("Ping") != nullptr);
    BOOST_TEST(load_error(c, "2030-01-01").find("no `paths` object") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(older_versions_stay_parsed_only_while_recently_used) {
    static_assert(catalog::resident_older_versions == 1, "the steps below assume one");
    const std::array<embedded_spec, 3> specs = {embedded_spec{"2030-01-01", tiny_spec},
                                                embedded_spec{"2030-02-01", tiny_spec},
                                                embedded_spec{"2030-03-01", tiny_spec}};
    catalog c = catalog::from_compiled(specs);
    auto latest = *c.get();
    auto first = *c.get("2030-01-01");
    BOOST_TEST((*c.get("2030-01-01") == first));

    // Using another older version unloads the first; a caller's copy stays valid, and the
    // next request parses it again. The latest is never unloaded.
    auto second = *c.get("2030-02-01");
    auto first_again = *c.get("2030-01-01");
    BOOST_TEST((first_again != first));
    BOOST_TEST(first->find_by_operation_id("Ping") != nullptr);
    BOOST_TEST(first_again->find_by_operation_id("Ping") != nullptr);
    BOOST_TEST((*c.get() == latest));
    BOOST_TEST((*c.get("2030-03-01") == latest));
}

BOOST_AUTO_TEST_CASE(compiled_specs_must_be_distinct_and_present) {
    const std::array<embedded_spec, 2> twice = {embedded_spec{"2030-01-01", tiny_spec},
                                                embedded_spec{"2030-01-01", tiny_spec}};
    BOOST_CHECK_THROW(catalog::from_compiled(twice), std::runtime_error);
    BOOST_CHECK_THROW(catalog::from_compiled({}), std::runtime_error);
}

BOOST_AUTO_TEST_CASE(compiled_text_that_is_not_json_fails_to_load) {
    const std::array<embedded_spec, 1> specs = {embedded_spec{"2030-01-01", "{\"paths\": "}};
    BOOST_TEST(load_error(catalog::from_compiled(specs), "").find("invalid compiled JSON") !=
               std::string::npos);
}

BOOST_AUTO_TEST_CASE(embedded_specs_are_nul_terminated_json_objects) {
    auto specs = clerk_mcp::spec::embedded_specs();
    BOOST_REQUIRE(!specs.empty());
    for (const embedded_spec& spec : specs) {
        BOOST_TEST_CONTEXT("version " << spec.version) {
            BOOST_TEST(spec.json.front() == '{');
            BOOST_TEST(spec.json.back() == '}');
            BOOST_TEST(*(spec.json.data() + spec.json.size()) == '\0');
        }
    }
}

BOOST_AUTO_TEST_CASE(embedded_versions_equal_the_yaml_they_were_compiled_from) {
    // The tests' builds embed the mirror the tests read; a build that embeds another set must
    // still share versions with it, and each shared one must be the same document both ways.
    catalog embedded = catalog::embedded();
    catalog folder = catalog::from_directory(t::spec_dir());
    int shared = 0;
    for (const std::string& version : embedded.versions()) {
        const auto& served = folder.versions();
        if (std::find(served.begin(), served.end(), version) == served.end()) {
            continue;
        }
        ++shared;
        BOOST_TEST_CONTEXT("version " << version) {
            auto from_binary = embedded.get(version);
            auto from_yaml = folder.get(version);
            BOOST_REQUIRE(from_binary.has_value());
            BOOST_REQUIRE(from_yaml.has_value());
            BOOST_TEST(((*from_binary)->root() == (*from_yaml)->root()));
        }
    }
    BOOST_TEST(shared > 0);
}

BOOST_AUTO_TEST_SUITE_END()
