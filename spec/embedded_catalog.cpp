// Compiled into clerk_mcp_embedded, beside the embedded data, so that clerk_mcp_spec links
// without it (unit tests use folder catalogs).
#include "spec/catalog.hpp"
#include "spec/embedded.hpp"

namespace clerk_mcp::spec {

catalog catalog::embedded() {
    return from_compiled(embedded_specs(), /*texts_are_file_pages=*/true);
}

}  // namespace clerk_mcp::spec
