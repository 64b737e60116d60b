#include "spec/ref_resolver.hpp"

#include <string>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include "spec/yaml_to_json.hpp"
#include "spec_test_support.hpp"

namespace {

namespace json = boost::json;
using clerk_mcp::spec::lookup_ref;
using clerk_mcp::spec::resolve_refs;

json::value mini_root() {
    namespace t = clerk_mcp::spec::testing;
    return clerk_mcp::spec::yaml_to_json(t::read_text(t::data_dir() / "mini_openapi.yml"));
}

json::value ref(const std::string& target) {
    return json::object{{"$ref", target}};
}

// How many objects in `v` hold `key`.
int count_key(const json::value& v, std::string_view key) {
    int n = 0;
    if (const json::object* obj = v.if_object()) {
        n += obj->contains(key) ? 1 : 0;
        for (const auto& [k, child] : *obj) {
            n += count_key(child, key);
        }
    } else if (const json::array* arr = v.if_array()) {
        for (const json::value& child : *arr) {
            n += count_key(child, key);
        }
    }
    return n;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(spec_ref_resolver)

BOOST_AUTO_TEST_CASE(lookup_follows_json_pointers_with_escapes) {
    json::value root = json::parse(R"({"a/b": {"c~d": [10, 20]}, "": 1, "%": 2})");
    BOOST_TEST(*lookup_ref(root, "#/a~1b/c~0d/1") == json::value(20));
    BOOST_TEST(*lookup_ref(root, "#/a%7E1b/c~0d/0") == json::value(10));
    BOOST_TEST(*lookup_ref(root, "#/") == json::value(1));
    BOOST_TEST(*lookup_ref(root, "#/%") == json::value(2));
    BOOST_TEST(lookup_ref(root, "#") == &root);
}

BOOST_AUTO_TEST_CASE(lookup_rejects_what_names_nothing) {
    json::value root = json::parse(R"({"a": [1, 2], "b": {"c": 3}})");
    BOOST_TEST(lookup_ref(root, "#/a/2") == nullptr);
    BOOST_TEST(lookup_ref(root, "#/a/01") == nullptr);
    BOOST_TEST(lookup_ref(root, "#/a/-") == nullptr);
    BOOST_TEST(lookup_ref(root, "#/b/c/d") == nullptr);
    BOOST_TEST(lookup_ref(root, "#b") == nullptr);
    BOOST_TEST(lookup_ref(root, "other.yml#/b") == nullptr);
    BOOST_TEST(lookup_ref(root, "") == nullptr);
}

BOOST_AUTO_TEST_CASE(lookup_reaches_path_items_by_escaped_template) {
    json::value root = mini_root();
    const json::value* plain = lookup_ref(root, "#/paths/~1users~1{user_id}/get");
    const json::value* encoded = lookup_ref(root, "#/paths/~1users~1%7Buser_id%7D/get");
    BOOST_REQUIRE(plain != nullptr);
    BOOST_TEST(plain == encoded);
    BOOST_TEST(plain->at("operationId") == json::value("GetUser"));
}

BOOST_AUTO_TEST_CASE(references_are_replaced_by_their_targets) {
    json::value root = mini_root();
    json::value user = resolve_refs(root, ref("#/components/responses/UserResponse"));
    const json::value& schema = user.at_pointer("/content/application~1json/schema");
    BOOST_TEST(schema.at("description") == json::value("A user."));
    BOOST_TEST(schema.at_pointer("/properties/primary_email/properties/email_address/type") ==
               json::value("string"));
    BOOST_TEST(count_key(user, "$ref") == 0);
}

BOOST_AUTO_TEST_CASE(keys_beside_a_reference_win_over_the_target) {
    json::value root = mini_root();
    json::value user = resolve_refs(root, ref("#/components/schemas/User"));
    BOOST_TEST(user.at_pointer("/properties/primary_email/description") ==
               json::value("The address the user signs in with."));
    BOOST_TEST(user.at_pointer("/properties/backup_email/description") ==
               json::value("An email address."));
    BOOST_TEST(user.at_pointer("/properties/backup_email/nullable") == json::value(true));
}

BOOST_AUTO_TEST_CASE(a_direct_cycle_is_marked_not_followed) {
    json::value root = mini_root();
    json::value node = resolve_refs(root, ref("#/components/schemas/Node"));
    BOOST_TEST(node.at_pointer("/properties/children/items") ==
               json::parse(R"({"$recursive": "#/components/schemas/Node"})"));
    BOOST_TEST(count_key(node, "$ref") == 0);
}

BOOST_AUTO_TEST_CASE(a_cycle_through_two_schemas_is_marked_where_it_closes) {
    json::value root = mini_root();
    json::value node = resolve_refs(root, ref("#/components/schemas/Node"));
    BOOST_TEST(node.at_pointer("/properties/first_leaf/properties/parent") ==
               json::parse(R"({"$recursive": "#/components/schemas/Node"})"));

    json::value leaf = resolve_refs(root, ref("#/components/schemas/Leaf"));
    BOOST_TEST(leaf.at_pointer("/properties/parent/properties/first_leaf") ==
               json::parse(R"({"$recursive": "#/components/schemas/Leaf"})"));
    BOOST_TEST(leaf.at_pointer("/properties/parent/properties/children/items") ==
               json::parse(R"({"$recursive": "#/components/schemas/Node"})"));
}

BOOST_AUTO_TEST_CASE(a_target_reused_on_separate_branches_is_expanded_each_time) {
    json::value root = mini_root();
    json::value user = resolve_refs(root, ref("#/components/schemas/User"));
    BOOST_TEST(user.at_pointer("/properties/primary_email/properties") ==
               user.at_pointer("/properties/backup_email/properties"));
    BOOST_TEST(count_key(user, "$recursive") == 0);
}

BOOST_AUTO_TEST_CASE(external_references_are_never_followed) {
    json::value root = mini_root();
    json::value op = resolve_refs(root, *lookup_ref(root, "#/paths/~1organizations/get"));
    BOOST_TEST(op.at_pointer("/responses/200/content/application~1json/schema") ==
               json::parse(R"({"$external": "https://example.com/schemas.yml#/Organization"})"));
}

BOOST_AUTO_TEST_CASE(missing_targets_are_marked) {
    json::value root = mini_root();
    json::value gone = resolve_refs(root, ref("#/components/responses/Gone"));
    BOOST_TEST(gone == json::parse(R"({"$missing": "#/components/responses/DoesNotExist"})"));
}

BOOST_AUTO_TEST_CASE(a_marker_keeps_the_keys_beside_its_reference) {
    json::value root = json::parse(R"({"a": {"$ref": "#/a", "description": "self"}})");
    BOOST_TEST(resolve_refs(root, root.at("a")) ==
               json::parse(R"({"$recursive": "#/a", "description": "self"})"));
}

BOOST_AUTO_TEST_CASE(a_non_string_ref_key_is_ordinary_data) {
    json::value root = json::parse(R"({"properties": {"$ref": {"type": "string"}}})");
    BOOST_TEST(resolve_refs(root, root) == root);
}

BOOST_AUTO_TEST_CASE(the_source_is_left_unchanged) {
    json::value root = mini_root();
    json::value before = root;
    resolve_refs(root, root);
    BOOST_TEST(root == before);
}

BOOST_AUTO_TEST_SUITE_END()
