// clerk-mcp-spec-compiler: the build-time step that turns one BAPI spec file (YAML) into the
// compact JSON the server embeds, so that the server never parses YAML at start-up.
//
// Usage: clerk-mcp-spec-compiler INPUT.yml OUTPUT.json
//
// The version is the input's file name (YYYY-MM-DD). The document is indexed once as the server
// would index it, so a spec the server could not serve fails the build, not the first request.
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include <boost/json/serialize.hpp>

#include "spec/compaction.hpp"
#include "spec/document.hpp"
#include "spec/yaml_to_json.hpp"

namespace {

namespace json = boost::json;
namespace fs = std::filesystem;
using clerk_mcp::spec::document;

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot open " + file.string());
    }
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Writes through a temporary file and renames it, so an interrupted build never leaves a
// truncated output that looks up to date.
void write_file(const fs::path& file, const std::string& text) {
    fs::path temporary = file;
    temporary += ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << text;
        out.close();
        if (!out) {
            throw std::runtime_error("cannot write " + temporary.string());
        }
    }
    fs::rename(temporary, file);
}

std::string compile(const fs::path& input) {
    json::value root = clerk_mcp::spec::yaml_to_json(read_file(input));
    clerk_mcp::spec::drop_generator_extensions(root);
    std::string text = json::serialize(root);

    const document indexed(input.stem().string(), std::move(root));
    if (indexed.operations().empty()) {
        throw std::runtime_error("the spec has no operation to serve");
    }
    return text;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3) {
        std::cerr << "usage: clerk-mcp-spec-compiler INPUT.yml OUTPUT.json\n";
        return 2;
    }
    const fs::path input = argv[1];
    try {
        write_file(argv[2], compile(input));
    } catch (const std::exception& e) {
        std::cerr << "clerk-mcp-spec-compiler: " << input.string() << ": " << e.what() << '\n';
        return 1;
    }
    return 0;
}
