#include "tools/confirmation.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace clerk_mcp::tools;
namespace json = boost::json;
using verdict = confirmation_store::verdict;

namespace {

constexpr auto confirm = token_purpose::confirm_token;
constexpr auto state = token_purpose::request_state;

struct fake_clock {
    std::chrono::system_clock::time_point now =
        std::chrono::system_clock::time_point(std::chrono::seconds(1'800'000'000));
    confirmation_store::clock fn() {
        return [this] { return now; };
    }
};

}  // namespace

BOOST_AUTO_TEST_SUITE(confirmation)

BOOST_AUTO_TEST_CASE(digest_ignores_key_order_but_not_values) {
    auto a = request_digest(json::parse(R"({"method":"DELETE","body":{"a":1,"b":[1,2]}})"));
    auto b = request_digest(json::parse(R"({"body":{"b":[1,2],"a":1},"method":"DELETE"})"));
    auto c = request_digest(json::parse(R"({"body":{"b":[2,1],"a":1},"method":"DELETE"})"));
    BOOST_TEST(a == b);
    BOOST_TEST(a != c);
    BOOST_TEST(a.size() == 64u);
}

BOOST_AUTO_TEST_CASE(token_is_accepted_once_for_its_request) {
    fake_clock clock;
    confirmation_store store(std::chrono::seconds(300), clock.fn());
    auto issued = store.issue("digest-1", confirm);
    BOOST_TEST((issued.expires_at == clock.now + std::chrono::seconds(300)));
    BOOST_TEST((store.redeem(issued.token, "digest-1", confirm) == verdict::accepted));
    BOOST_TEST((store.redeem(issued.token, "digest-1", confirm) == verdict::replayed));
}

BOOST_AUTO_TEST_CASE(token_for_another_request_is_mismatched) {
    fake_clock clock;
    confirmation_store store(std::chrono::seconds(300), clock.fn());
    auto issued = store.issue("digest-1", confirm);
    BOOST_TEST((store.redeem(issued.token, "digest-2", confirm) == verdict::mismatched));
    // The refusal does not use the token up: the right request still goes through.
    BOOST_TEST((store.redeem(issued.token, "digest-1", confirm) == verdict::accepted));
}

BOOST_AUTO_TEST_CASE(token_expires_after_its_time_to_live) {
    fake_clock clock;
    confirmation_store store(std::chrono::seconds(300), clock.fn());
    auto issued = store.issue("d", confirm);
    clock.now += std::chrono::seconds(301);
    BOOST_TEST((store.redeem(issued.token, "d", confirm) == verdict::expired));
}

BOOST_AUTO_TEST_CASE(altered_or_foreign_tokens_are_refused) {
    fake_clock clock;
    confirmation_store store(std::chrono::seconds(300), clock.fn());
    confirmation_store other(std::chrono::seconds(300), clock.fn());
    auto issued = store.issue("d", confirm);

    std::string flipped = issued.token;
    flipped.back() = flipped.back() == '0' ? '1' : '0';
    BOOST_TEST((store.redeem(flipped, "d", confirm) == verdict::forged));

    // Extending the expiry inside the token breaks its signature.
    std::string extended = issued.token;
    auto dot = extended.rfind('.');
    extended[dot - 1] = extended[dot - 1] == '9' ? '8' : '9';
    BOOST_TEST((store.redeem(extended, "d", confirm) == verdict::forged));

    BOOST_TEST((other.redeem(issued.token, "d", confirm) == verdict::forged));
    for (std::string bad : {"", "ct1.", "ct1.zz.zz", "hello", "ct1.00.abc"}) {
        BOOST_TEST_CONTEXT("token " << bad) {
            BOOST_TEST((store.redeem(bad, "d", confirm) == verdict::malformed));
        }
    }
    BOOST_TEST((store.redeem(issued.token, "d", confirm) == verdict::accepted));
}

BOOST_AUTO_TEST_CASE(request_state_and_confirm_token_are_not_interchangeable) {
    fake_clock clock;
    confirmation_store store(std::chrono::seconds(300), clock.fn());
    auto as_state = store.issue("d", state);
    auto as_token = store.issue("d", confirm);

    // Same request, same store, unexpired: only the purpose differs, and that is enough.
    BOOST_TEST((store.redeem(as_state.token, "d", confirm) == verdict::wrong_purpose));
    BOOST_TEST((store.redeem(as_token.token, "d", state) == verdict::wrong_purpose));
    BOOST_TEST(confirmation_store::explain(verdict::wrong_purpose, confirm).find("requestState") !=
               std::string::npos);

    // Refusals use neither up.
    BOOST_TEST((store.redeem(as_state.token, "d", state) == verdict::accepted));
    BOOST_TEST((store.redeem(as_token.token, "d", confirm) == verdict::accepted));
}

BOOST_AUTO_TEST_CASE(request_state_expires_and_binds_to_its_request) {
    fake_clock clock;
    confirmation_store store(std::chrono::seconds(300), clock.fn());
    auto issued = store.issue("digest-1", state);
    BOOST_TEST((store.redeem(issued.token, "digest-2", state) == verdict::mismatched));
    BOOST_TEST(confirmation_store::explain(verdict::mismatched, state).find("requestState") !=
               std::string::npos);

    clock.now += std::chrono::seconds(300);
    BOOST_TEST((store.redeem(issued.token, "digest-1", state) == verdict::expired));
}

BOOST_AUTO_TEST_SUITE_END()
