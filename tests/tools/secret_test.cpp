#include "tools/secret.hpp"

#include <cstdlib>
#include <fstream>

#include <boost/test/unit_test.hpp>

using namespace clerk_mcp::tools;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(secret)

BOOST_AUTO_TEST_CASE(dotenv_lines_are_parsed_like_dotenv_loaders) {
    struct row {
        const char* text;
        std::optional<std::string> value;
    };
    const row rows[] = {
        {"CLERK_SECRET_KEY=sk_test_a\n", "sk_test_a"},
        {"export CLERK_SECRET_KEY=sk_test_b", "sk_test_b"},
        {"CLERK_SECRET_KEY=\"sk_test_c\" # comment", "sk_test_c"},
        {"CLERK_SECRET_KEY='sk_test_d'\r\n", "sk_test_d"},
        {"CLERK_SECRET_KEY=sk_test_e # trailing", "sk_test_e"},
        {"# CLERK_SECRET_KEY=sk_test_f\nOTHER=1", std::nullopt},
        {"CLERK_SECRET_KEY_OLD=sk_test_g", std::nullopt},
        {"CLERK_SECRET_KEY=one\nCLERK_SECRET_KEY=two", "two"},
    };
    for (const auto& r : rows) {
        BOOST_TEST_CONTEXT("text " << r.text) {
            BOOST_TEST(dotenv_value(r.text, "CLERK_SECRET_KEY").value_or("<none>") ==
                       r.value.value_or("<none>"));
        }
    }
}

BOOST_AUTO_TEST_CASE(nearest_dotenv_file_is_found_walking_up) {
    ::unsetenv("CLERK_SECRET_KEY");
    fs::path root = fs::temp_directory_path() / ("clerk-mcp-secret-" + std::to_string(::getpid()));
    fs::create_directories(root / "a" / "b");
    std::ofstream(root / ".env") << "CLERK_SECRET_KEY=sk_test_root\n";
    std::ofstream(root / "a" / ".env") << "OTHER=1\n";
    std::ofstream(root / "a" / ".env.local") << "CLERK_SECRET_KEY=sk_test_local\n";

    auto from_b = find_clerk_secret(root / "a" / "b");
    BOOST_REQUIRE(from_b);
    BOOST_TEST(from_b->key == "sk_test_local");
    BOOST_TEST(from_b->source == (root / "a" / ".env.local").string());

    fs::remove(root / "a" / ".env.local");
    auto walked = find_clerk_secret(root / "a" / "b");
    BOOST_REQUIRE(walked);
    BOOST_TEST(walked->key == "sk_test_root");

    ::setenv("CLERK_SECRET_KEY", "sk_live_env", 1);
    auto env = find_clerk_secret(root);
    ::unsetenv("CLERK_SECRET_KEY");
    BOOST_REQUIRE(env);
    BOOST_TEST(env->key == "sk_live_env");
    BOOST_TEST(env->source.find("sk_live") == std::string::npos);
    fs::remove_all(root);
}

BOOST_AUTO_TEST_CASE(key_prefix_names_the_instance_kind) {
    BOOST_TEST((kind_of_key("sk_test_x") == instance_kind::development));
    BOOST_TEST((kind_of_key("sk_live_x") == instance_kind::production));
    BOOST_TEST((kind_of_key("pk_test_x") == instance_kind::unknown));
    BOOST_TEST(missing_secret_message().find("CLERK_SECRET_KEY") != std::string::npos);
    BOOST_TEST(missing_secret_message().find(".env.local") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
