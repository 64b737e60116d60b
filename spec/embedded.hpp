// The spec versions compiled into the binary at build time (see cmake/Specs.cmake): each
// `YYYY-MM-DD.yml` of the build's spec folder, converted to compact JSON by
// clerk-mcp-spec-compiler and embedded read-only. Defined in the clerk_mcp_embedded library only,
// so code that links clerk_mcp_spec alone can still use directory catalogs.
#pragma once

#include <span>
#include <string_view>

namespace clerk_mcp::spec {

// One compiled version. Both views point into static, read-only storage that lives as long as
// the program; `json` is followed by a NUL byte that is not part of the view.
struct embedded_spec {
    std::string_view version;  // "2026-05-12"
    std::string_view json;     // the whole OpenAPI document as minified JSON
};

// Every embedded version, oldest first. Never empty: the build fails without a spec.
std::span<const embedded_spec> embedded_specs();

}  // namespace clerk_mcp::spec
