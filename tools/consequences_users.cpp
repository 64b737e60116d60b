// Consequences of the destructive user operations: users, their identifiers and credentials,
// sessions and sign-in tokens. Each entry's words follow the operation's summary and description
// in Clerk's BAPI specs (2021-02-05 ... 2026-05-12); nothing here goes beyond what they document,
// except the plain meaning of a deletion (the thing deleted is gone).
#include "tools/consequences_table.hpp"

namespace clerk_mcp::tools::detail {

std::vector<consequence> user_consequences() {
    return {
        // The user and everything hanging off it.
        {.method = "DELETE",
         .path = "/users/{user_id}",
         .action = "Deletes the user",
         .destroys = {"the user record",
                      "all of the user's sessions (signed out everywhere)",
                      "all of the user's organization memberships",
                      "all associated data: email addresses, phone numbers, external accounts "
                      "(OAuth connections), web3 wallets, passkeys, and the public, private and "
                      "unsafe metadata"}},
        {.method = "PATCH",
         .path = "/users/{user_id}",
         .depends_on_request = true,
         .action = "Updates the user's attributes",
         .destroys = {"API versions before 2026-05-12: each of public_metadata, private_metadata "
                      "and unsafe_metadata that is sent replaces the stored object whole; keys not "
                      "sent are lost (PATCH /users/{user_id}/metadata merges instead)",
                      "username set to null or \"\": the username identification is deleted "
                      "forever",
                      "password or password_digest: the current password is replaced; with "
                      "sign_out_of_other_sessions true, all of the user's active sessions end"}},
        {.method = "PUT",
         .path = "/users/{user_id}/metadata",
         .depends_on_request = true,
         .action = "Replaces the user's metadata fields that are sent",
         .destroys = {"for each of public_metadata, private_metadata and unsafe_metadata that is "
                      "sent: the stored object, replaced whole; keys not sent are lost (PATCH "
                      "/users/{user_id}/metadata merges instead)",
                      "metadata fields not sent are left unchanged"}},

        // Bans and locks: reversible marks, but revoked sessions stay revoked.
        {.method = "POST",
         .path = "/users/{user_id}/ban",
         .irreversible = false,
         .action = "Bans the user",
         .destroys = {"all of the user's sessions are revoked (unbanning does not restore them)",
                      "the user cannot sign in again until unbanned"},
         .undo = "POST /users/{user_id}/unban"},
        {.method = "POST",
         .path = "/users/ban",
         .irreversible = false,
         .action = "Bans every user in user_ids (up to 50)",
         .destroys = {"all sessions of every listed user are revoked (unbanning does not restore "
                      "them)",
                      "the listed users cannot sign in again until unbanned"},
         .undo = "POST /users/unban"},
        {.method = "POST",
         .path = "/users/{user_id}/lock",
         .irreversible = false,
         .action = "Locks the user",
         .destroys = {"the user cannot sign in until the lock expires (the duration is set in "
                      "the instance's restriction settings) or the user is unlocked"},
         .undo = "POST /users/{user_id}/unlock"},

        // Credentials and second factors.
        {.method = "POST",
         .path = "/users/{user_id}/remove_password",
         .depends_on_request = true,
         .action = "Removes the user's password",
         .destroys = {"the user's password credential, even when the user has no other sign-in "
                      "method (which leaves them unable to sign in)",
                      "sign_out_of_other_sessions true: every session active when the request is "
                      "processed is revoked"}},
        {.method = "POST",
         .path = "/users/{user_id}/password/set_compromised",
         .irreversible = false,
         .action = "Marks the user's password as compromised",
         .destroys = {"the user must reset their password on their next sign-in"},
         .undo = "POST /users/{user_id}/password/unset_compromised"},
        {.method = "DELETE",
         .path = "/users/{user_id}/mfa",
         .action = "Disables all of the user's MFA methods",
         .destroys = {"every MFA method of the user at once (for example one-time codes sent by "
                      "SMS and TOTP authenticator apps); the user must enrol again"}},
        {.method = "DELETE",
         .path = "/users/{user_id}/totp",
         .action = "Deletes all of the user's TOTPs",
         .destroys = {"every TOTP (authenticator app) secret of the user; the user must enrol "
                      "again"}},
        {.method = "DELETE",
         .path = "/users/{user_id}/backup_code",
         .action = "Disables all of the user's backup codes",
         .destroys = {"every backup code of the user; none of them can be used again"}},
        {.method = "POST",
         .path = "/users/{user_id}/verify_totp",
         .depends_on_request = true,
         .action = "Verifies a TOTP or backup code for the user",
         .destroys = {"code is a backup code: it is consumed and can never be used again (a TOTP "
                      "code is only checked)"}},
        {.method = "DELETE",
         .path = "/users/{user_id}/passkeys/{passkey_identification_id}",
         .action = "Deletes one of the user's passkeys",
         .destroys = {"the passkey; the user can no longer sign in with it",
                      "Clerk notifies the user of the deletion by email"}},
        {.method = "DELETE",
         .path = "/users/{user_id}/trusted_devices/{trusted_device_id}",
         .action = "Revokes one of the user's trusted devices",
         .destroys = {"the device's enrollment as trusted; it is no longer trusted"}},

        // Identifiers and profile.
        {.method = "DELETE",
         .path = "/email_addresses/{email_address_id}",
         .action = "Deletes an email address",
         .destroys = {"the email address and its verification; if the user signs in with it, "
                      "that way of signing in is gone"}},
        {.method = "DELETE",
         .path = "/phone_numbers/{phone_number_id}",
         .action = "Deletes a phone number",
         .destroys = {"the phone number and its verification; if the user signs in with it or "
                      "receives second-factor codes on it, that use is gone"}},
        {.method = "PUT",
         .path = "/users/{user_id}/email_address",
         .depends_on_request = true,
         .action = "Replaces all of the user's email addresses with one primary address",
         .destroys = {"every existing email address of the user (refused when one is linked to a "
                      "connected account)",
                      "identification_status unverified: the new address cannot be used to sign "
                      "in, so a user with no other verified or reserved identifier is locked out "
                      "until another admin call fixes it"}},
        {.method = "PUT",
         .path = "/users/{user_id}/phone_number",
         .depends_on_request = true,
         .action = "Replaces all of the user's phone numbers with one primary number",
         .destroys = {"every existing phone number of the user",
                      "when a replaced number is reserved for second factor: the user's MFA is "
                      "disabled",
                      "identification_status unverified: the new number cannot be used to sign "
                      "in, so a user with no other verified or reserved identifier is locked out "
                      "until another admin call fixes it"}},
        {.method = "DELETE",
         .path = "/users/{user_id}/external_accounts/{external_account_id}",
         .action = "Deletes one of the user's external accounts",
         .destroys = {"the external account (the user's connection to an OAuth provider); the "
                      "user can no longer sign in through it"}},
        {.method = "DELETE",
         .path = "/users/{user_id}/web3_wallets/{web3_wallet_identification_id}",
         .action = "Deletes one of the user's web3 wallets",
         .destroys = {"the web3 wallet identification; the user can no longer sign in with it"}},
        {.method = "DELETE",
         .path = "/users/{user_id}/profile_image",
         .action = "Deletes the user's profile image",
         .destroys = {"the uploaded profile image"}},

        // Sessions and tokens that let someone sign in.
        {.method = "POST",
         .path = "/sessions/{session_id}/revoke",
         .action = "Revokes the session",
         .destroys = {"the session: it becomes revoked and the user must sign in again"}},
        {.method = "POST",
         .path = "/sign_in_tokens/{sign_in_token_id}/revoke",
         .action = "Revokes a pending sign-in token",
         .destroys = {"the sign-in token: it can no longer be used to sign in"}},
        {.method = "POST",
         .path = "/actor_tokens/{actor_token_id}/revoke",
         .action = "Revokes a pending actor token",
         .destroys = {"the actor token: it can no longer be used to act as (impersonate) the "
                      "user"}},
        {.method = "POST",
         .path = "/invitations/{invitation_id}/revoke",
         .action = "Revokes an invitation",
         .destroys = {"the invitation: the link sent to the invitee no longer works (they can "
                      "still sign up through the normal sign-up flow)"}},
    };
}

}  // namespace clerk_mcp::tools::detail
