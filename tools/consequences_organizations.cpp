// Consequences of the destructive organization operations: organizations, memberships,
// invitations, domains, roles, permissions and role sets. Each entry's words follow the
// operation's summary and description in Clerk's BAPI specs (2021-02-05 ... 2026-05-12).
#include "tools/consequences_table.hpp"

namespace clerk_mcp::tools::detail {

std::vector<consequence> organization_consequences() {
    return {
        {.method = "DELETE",
         .path = "/organizations/{organization_id}",
         .action = "Deletes the organization",
         .destroys = {"the organization record, with its public and private metadata",
                      "all of its memberships",
                      "all of its invitations",
                      "the organization is cleared from every user's active session that had "
                      "it"}},
        {.method = "PATCH",
         .path = "/organizations/{organization_id}",
         .depends_on_request = true,
         .action = "Updates the organization",
         .destroys = {"API versions before 2026-05-12: each of public_metadata and "
                      "private_metadata that is sent replaces the stored object whole; keys not "
                      "sent are lost (PATCH /organizations/{organization_id}/metadata merges "
                      "instead)"}},
        {.method = "PUT",
         .path = "/organizations/{organization_id}/metadata",
         .depends_on_request = true,
         .action = "Replaces the organization's metadata fields that are sent",
         .destroys = {"for each of public_metadata and private_metadata that is sent: the "
                      "stored object, replaced whole; keys not sent are lost (PATCH "
                      "/organizations/{organization_id}/metadata merges instead)",
                      "metadata fields not sent are left unchanged"}},
        {.method = "DELETE",
         .path = "/organizations/{organization_id}/logo",
         .action = "Deletes the organization's logo",
         .destroys = {"the uploaded logo image"}},
        {.method = "DELETE",
         .path = "/organizations/{organization_id}/memberships/{user_id}",
         .action = "Removes the user from the organization",
         .destroys = {"the membership, with its role and its public and private metadata",
                      "the removed member's active sessions move to their latest enrolled "
                      "organization"}},
        {.method = "POST",
         .path = "/organizations/{organization_id}/invitations/{invitation_id}/revoke",
         .action = "Revokes a pending organization invitation",
         .destroys = {"the invitation: the invited user can no longer join the organization "
                      "with it"}},
        {.method = "DELETE",
         .path = "/organizations/{organization_id}/domains/{domain_id}",
         .action = "Removes a domain from the organization",
         .destroys = {"the organization domain, with its verification and enrollment mode"}},

        // Roles and permissions shared by every organization of the instance.
        {.method = "DELETE",
         .path = "/organization_roles/{organization_role_id}",
         .action = "Deletes an organization role",
         .destroys = {"the role and its set of permissions (refused while it is the default "
                      "creator role or a domain default role, or is held by members or "
                      "invitations)"}},
        {.method = "DELETE",
         .path = "/organization_roles/{organization_role_id}/permissions/{permission_id}",
         .action = "Removes a permission from an organization role",
         .destroys = {"the permission from the role: members holding the role no longer have "
                      "it"}},
        {.method = "DELETE",
         .path = "/organization_permissions/{permission_id}",
         .action = "Deletes an organization permission",
         .destroys = {"the permission; roles that include it no longer grant it (system "
                      "permissions cannot be deleted)"}},
        {.method = "POST",
         .path = "/role_sets/{role_set_key_or_id}/replace",
         .action = "Replaces a role set with another one",
         .destroys = {"the role set (functionally a deletion)",
                      "organizations using it move to the destination role set, their members' "
                      "roles reassigned per reassignment_mappings"}},
        {.method = "POST",
         .path = "/role_sets/{role_set_key_or_id}/roles/replace",
         .action = "Replaces a role in a role set with another role",
         .destroys = {"the source role (role_key) is removed from the role set",
                      "every member holding it is reassigned to the destination role "
                      "(to_role_key)"}},
    };
}

}  // namespace clerk_mcp::tools::detail
