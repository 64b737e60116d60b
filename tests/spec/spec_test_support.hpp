// Shared by the spec layer's tests: where the fixtures and the real BAPI spec mirror are, and how
// to load a fixture as a document.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>

#include "spec/document.hpp"
#include "spec/yaml_to_json.hpp"

namespace clerk_mcp::spec::testing {

// The folder named by the environment variable `name` (set by ctest), or an exception naming it.
inline std::filesystem::path folder_from_env(const char* name) {
    const char* value = std::getenv(name);
    if (value == nullptr || *value == '\0') {
        throw std::runtime_error(std::string(name) + " is not set; run the tests through ctest");
    }
    return value;
}

// tests/data
inline std::filesystem::path data_dir() {
    return folder_from_env("CLERK_MCP_TEST_DATA");
}

// The six-version BAPI mirror.
inline std::filesystem::path spec_dir() {
    return folder_from_env("CLERK_MCP_TEST_SPEC_DIR");
}

inline std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + file.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// tests/data/mini_openapi.yml, indexed as version 2030-01-01.
inline std::shared_ptr<const document> mini_document() {
    return std::make_shared<const document>(
        "2030-01-01", yaml_to_json(read_text(data_dir() / "mini_openapi.yml")));
}

}  // namespace clerk_mcp::spec::testing
