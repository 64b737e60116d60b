// Consequences of the destructive instance-wide operations: domains and settings that can break
// sign-in, keys and tokens, machines, OAuth applications, enterprise connections, directories,
// billing, templates, webhooks, the allow-list, the block-list and the waitlist. Each entry's
// words follow the operation's summary and description in Clerk's BAPI specs.
#include "tools/consequences_table.hpp"

namespace clerk_mcp::tools::detail {

namespace {

// Both domain-change endpoints carry the same documented warning.
consequence production_domain_change(std::string_view method, std::string_view path) {
    return {.method = method,
            .path = path,
            .action = "Changes the domain of the production instance",
            .destroys = {"every current user session is invalidated: all users are signed out",
                         "a short downtime is expected while the instance is deployed",
                         "sign-in keeps failing until DNS records, SSL certificates, social "
                         "connection redirect URLs and the keys in your code are updated"}};
}

// Directories come under two paths (/directories and /scim_directories) with the same effects.
struct directory_paths {
    std::string_view root, mapping, mappings, rotate;
};

constexpr directory_paths directories = {
    "/directories/{directory_id}",
    "/directories/{directory_id}/group_role_mappings/{mapping_id}",
    "/directories/{directory_id}/group_role_mappings",
    "/directories/{directory_id}/rotate_api_key"};

constexpr directory_paths scim_directories = {
    "/scim_directories/{scim_directory_id}",
    "/scim_directories/{scim_directory_id}/group_role_mappings/{mapping_id}",
    "/scim_directories/{scim_directory_id}/group_role_mappings",
    "/scim_directories/{scim_directory_id}/rotate_api_key"};

void add_directory_consequences(const directory_paths& paths, std::vector<consequence>& entries) {
    entries.push_back({.method = "DELETE",
                       .path = paths.root,
                       .action = "Deletes the directory",
                       .destroys = {"the directory; provisioning for it stops",
                                    "provisioning requests authenticated with its API key are "
                                    "rejected"}});
    entries.push_back({.method = "DELETE",
                       .path = paths.mapping,
                       .action = "Deletes a group role mapping of the directory",
                       .destroys = {"the mapping from a directory group to an organization role"}});
    entries.push_back({.method = "PUT",
                       .path = paths.mappings,
                       .action = "Replaces the directory's whole set of group role mappings",
                       .destroys = {"every existing group role mapping, replaced by the array "
                                    "sent (an empty array removes all of them)"}});
    entries.push_back({.method = "POST",
                       .path = paths.rotate,
                       .action = "Rotates the directory's API key",
                       .destroys = {"the current API key: it stops working after a short grace "
                                    "period; put the new key (returned only in this response) "
                                    "in your identity provider"}});
}

}  // namespace

std::vector<consequence> instance_consequences() {
    std::vector<consequence> entries = {
        // Domains and settings that decide who can sign in, and where.
        production_domain_change("POST", "/instance/change_domain"),
        production_domain_change("PUT", "/beta_features/domain"),
        {.method = "DELETE",
         .path = "/domains/{domain_id}",
         .action = "Deletes a satellite domain",
         .destroys = {"the satellite domain and its settings; authentication on it stops (the "
                      "primary domain cannot be deleted)"}},
        {.method = "PATCH",
         .path = "/domains/{domain_id}",
         .irreversible = false,
         .depends_on_request = true,
         .action = "Updates one of the instance's domains",
         .destroys = {"name of a production primary domain: downtime unless DNS and email are "
                      "set up for the new name first; the instance's home origin changes too"},
         .undo = "PATCH /domains/{domain_id}"},
        {.method = "PATCH",
         .path = "/instance/restrictions",
         .irreversible = false,
         .depends_on_request = true,
         .action = "Updates the instance's sign-up and sign-in restrictions",
         .destroys = {"allowlist, blocklist, block_email_subaddresses or "
                      "block_disposable_email_domains turned on: identifiers that do not pass "
                      "are refused from then on"},
         .undo = "PATCH /instance/restrictions"},
        {.method = "PATCH",
         .path = "/instance/communication",
         .depends_on_request = true,
         .action = "Replaces the instance's SMS country blocklist",
         .destroys = {"blocked_country_codes sent: the stored list is replaced by it (codes not "
                      "sent are unblocked; SMS is no longer sent to the codes sent)"}},
        {.method = "DELETE",
         .path = "/redirect_urls/{id}",
         .action = "Deletes a redirect URL",
         .destroys = {"the URL from the instance's list of allowed redirect URLs"}},
        {.method = "DELETE",
         .path = "/allowlist_identifiers/{identifier_id}",
         .action = "Deletes an identifier from the allow-list",
         .destroys = {"the identifier's place on the allow-list"}},
        {.method = "DELETE",
         .path = "/blocklist_identifiers/{identifier_id}",
         .action = "Deletes an identifier from the block-list",
         .destroys = {"the identifier's place on the block-list: it is no longer blocked"}},
        {.method = "POST",
         .path = "/blocklist_identifiers",
         .irreversible = false,
         .action = "Adds an identifier to the block-list",
         .destroys = {"the identifier is blocked from accessing the instance"},
         .undo = "DELETE /blocklist_identifiers/{identifier_id}"},

        // Keys, secrets and tokens.
        {.method = "DELETE",
         .path = "/api_keys/{apiKeyID}",
         .action = "Deletes an API key",
         .destroys = {"the API key; it can no longer authenticate requests"}},
        {.method = "POST",
         .path = "/api_keys/{apiKeyID}/revoke",
         .action = "Revokes an API key",
         .destroys = {"the API key's validity: it can no longer authenticate requests"}},
        {.method = "POST",
         .path = "/m2m_tokens/{m2m_token_id}/revoke",
         .action = "Revokes an M2M token",
         .destroys = {"the opaque M2M token's validity (JWT-format M2M tokens are stateless and "
                      "cannot be revoked)"}},
        {.method = "POST",
         .path = "/admin_portal_link_tokens/{adminPortalLinkTokenID}/revoke",
         .action = "Revokes an Admin Portal link token",
         .destroys = {"the link token: its Admin Portal link no longer works"}},
        {.method = "POST",
         .path = "/agents/tasks/{agent_task_id}/revoke",
         .action = "Revokes a pending agent task",
         .destroys = {"the agent task: its URL can no longer create a session for the user"}},
        {.method = "DELETE",
         .path = "/jwt_templates/{template_id}",
         .action = "Deletes a JWT template",
         .destroys = {"the JWT template: session tokens can no longer be created from it"}},

        // Machines.
        {.method = "DELETE",
         .path = "/machines/{machine_id}",
         .action = "Deletes a machine",
         .destroys = {"the machine and its secret key"}},
        {.method = "DELETE",
         .path = "/machines/{machine_id}/scopes/{other_machine_id}",
         .action = "Deletes a machine scope",
         .destroys = {"the machine's access to the other machine"}},
        {.method = "POST",
         .path = "/machines/{machine_id}/secret_key/rotate",
         .action = "Rotates the machine's secret key",
         .destroys = {"the current secret key: it stays valid only for previous_token_ttl "
                      "seconds (0 expires it at once; at most 8 hours); update it in your "
                      "machine or application"}},

        // OAuth applications.
        {.method = "DELETE",
         .path = "/oauth_applications/{oauth_application_id}",
         .action = "Deletes an OAuth application",
         .destroys = {"the OAuth application with its client ID and client secret"}},
        {.method = "POST",
         .path = "/oauth_applications/{oauth_application_id}/rotate_secret",
         .action = "Rotates the OAuth application's client secret",
         .destroys = {"the current client secret: it is replaced; update it in every authorized "
                      "OAuth client"}},
        {.method = "POST",
         .path = "/oauth_applications/{oauth_application_id}/revoke_token",
         .action = "Revokes an OAuth grant of the application",
         .destroys = {"the access token and refresh token of the grant the token sent belongs "
                      "to, and every other token of that grant (JWT access tokens cannot be "
                      "revoked)"}},

        // Enterprise SSO.
        {.method = "DELETE",
         .path = "/enterprise_connections/{enterprise_connection_id}",
         .action = "Deletes an enterprise connection",
         .destroys = {"the enterprise SSO connection and its configuration; sign-in through it "
                      "stops"}},
        {.method = "PATCH",
         .path = "/enterprise_connections/{enterprise_connection_id}",
         .depends_on_request = true,
         .action = "Updates an enterprise connection",
         .destroys = {"active true: existing verified organization domains for the same domains "
                      "are removed so the connection can be enabled",
                      "domains non-empty: the connection's domains are replaced by the list sent",
                      "organization_id: the linked organization is set or changed; a link can "
                      "never be removed"}},
        {.method = "DELETE",
         .path = "/saml_connections/{saml_connection_id}",
         .action = "Deletes a SAML connection",
         .destroys = {"the SAML connection and its configuration; sign-in through it stops"}},

        // Billing.
        {.method = "DELETE",
         .path = "/billing/subscription_items/{subscription_item_id}",
         .depends_on_request = true,
         .action = "Cancels a subscription item",
         .destroys = {"the subscription item: cancelled at the end of the current billing "
                      "period, or immediately when end_now is true"}},
        {.method = "DELETE",
         .path = "/commerce/subscription_items/{subscription_item_id}",
         .depends_on_request = true,
         .action = "Cancels a subscription item",
         .destroys = {"the subscription item: cancelled at the end of the current billing "
                      "period, or immediately when end_now is true"}},
        {.method = "DELETE",
         .path = "/billing/subscription_items/{subscription_item_id}/discounts/{discount_id}",
         .action = "Removes the active discount from a subscription item",
         .destroys = {"the subscription item's active discount"}},

        // Templates, webhooks, waitlist.
        {.method = "POST",
         .path = "/templates/{template_type}/{slug}/revert",
         .action = "Reverts a template to its default",
         .destroys = {"every customization of the email or SMS template"}},
        {.method = "POST",
         .path = "/templates/{template_type}/{slug}/toggle_delivery",
         .irreversible = false,
         .depends_on_request = true,
         .action = "Toggles whether Clerk delivers the email or SMS of a template",
         .destroys = {"delivery disabled: Clerk stops sending these emails or SMS; you must "
                      "deliver them yourself from the email.created or sms.created webhooks"},
         .undo = "POST /templates/{template_type}/{slug}/toggle_delivery"},
        {.method = "DELETE",
         .path = "/webhooks/svix",
         .action = "Deletes the instance's Svix app",
         .destroys = {"the Svix app, with everything configured in it, and its association "
                      "with the instance"}},
        {.method = "DELETE",
         .path = "/waitlist_entries/{waitlist_entry_id}",
         .action = "Deletes a pending waitlist entry",
         .destroys = {"the waitlist entry"}},
        {.method = "POST",
         .path = "/waitlist_entries/{waitlist_entry_id}/reject",
         .action = "Rejects a waitlist entry",
         .destroys = {"the entry's place on the waitlist: it is marked rejected (the spec "
                      "documents no operation that reverses this)"}},
    };
    add_directory_consequences(directories, entries);
    add_directory_consequences(scim_directories, entries);
    return entries;
}

}  // namespace clerk_mcp::tools::detail
