# The BAPI spec set compiled into the binary: where it comes from at configure time, and how each
# YYYY-MM-DD.yml becomes compact JSON embedded read-only in the clerk_mcp_embedded library.
#
# Source folder, first found wins:
#   1. the cache variable CLERK_MCP_SPEC_DIR (-DCLERK_MCP_SPEC_DIR=...),
#   2. the environment variable CLERK_MCP_SPEC_DIR,
#   3. a download of the clerk/openapi-specs repository (its bapi/ folder), kept in the build tree.
# When all three fail, configuration stops with a message naming the option.

set(clerk_mcp_spec_dir_doc
    "Folder of YYYY-MM-DD.yml BAPI specs to embed (default: env CLERK_MCP_SPEC_DIR, else download)")
set(CLERK_MCP_SPEC_DIR "" CACHE PATH "${clerk_mcp_spec_dir_doc}")
set(CLERK_MCP_SPEC_URL "https://github.com/clerk/openapi-specs/archive/refs/heads/main.tar.gz"
    CACHE STRING "Archive of the clerk/openapi-specs repository, used when no spec folder is given")

set(clerk_mcp_spec_help
    "Name a folder of BAPI specs (files named YYYY-MM-DD.yml, as in the bapi/ folder of \
https://github.com/clerk/openapi-specs) with -DCLERK_MCP_SPEC_DIR=/path/to/bapi or the \
environment variable CLERK_MCP_SPEC_DIR, then configure again.")

# Sets `out_var` to the sorted list of YYYY-MM-DD.yml files in `dir`.
function(clerk_mcp_list_spec_files dir out_var)
    # CONFIGURE_DEPENDS: adding or removing a version in the folder re-runs configuration.
    file(GLOB candidates CONFIGURE_DEPENDS "${dir}/*.yml")
    set(files "")
    foreach(file IN LISTS candidates)
        get_filename_component(name "${file}" NAME)
        if(name MATCHES "^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]\\.yml$")
            list(APPEND files "${file}")
        endif()
    endforeach()
    list(SORT files)
    set(${out_var} "${files}" PARENT_SCOPE)
endfunction()

# Downloads the repository archive once per build tree and keeps only bapi/*.yml.
function(clerk_mcp_download_specs out_var)
    set(root "${CMAKE_BINARY_DIR}/_deps/clerk-openapi-specs")
    set(bapi "${root}/bapi")
    # A plain glob: the CONFIGURE_DEPENDS one of clerk_mcp_list_spec_files must not see the
    # folder change within this run.
    file(GLOB existing "${bapi}/*.yml")
    if(existing)
        set(${out_var} "${bapi}" PARENT_SCOPE)
        return()
    endif()

    message(STATUS "clerk-mcp: no CLERK_MCP_SPEC_DIR given, downloading ${CLERK_MCP_SPEC_URL}")
    set(archive "${root}/openapi-specs.tar.gz")
    file(DOWNLOAD "${CLERK_MCP_SPEC_URL}" "${archive}"
         STATUS status TIMEOUT 120 INACTIVITY_TIMEOUT 30 TLS_VERIFY ON)
    list(GET status 0 code)
    list(GET status 1 reason)
    if(NOT code EQUAL 0)
        file(REMOVE "${archive}")
        message(FATAL_ERROR "clerk-mcp: CLERK_MCP_SPEC_DIR is not set and downloading the spec "
                            "set from ${CLERK_MCP_SPEC_URL} failed (${reason}). "
                            "${clerk_mcp_spec_help}")
    endif()

    set(unpacked "${root}/unpacked")
    file(REMOVE_RECURSE "${unpacked}")
    file(ARCHIVE_EXTRACT INPUT "${archive}" DESTINATION "${unpacked}" PATTERNS "*/bapi/*.yml")
    file(GLOB downloaded "${unpacked}/*/bapi/*.yml")
    file(MAKE_DIRECTORY "${bapi}")
    if(downloaded)
        file(COPY ${downloaded} DESTINATION "${bapi}")
    endif()
    file(REMOVE_RECURSE "${unpacked}")
    file(REMOVE "${archive}")
    set(${out_var} "${bapi}" PARENT_SCOPE)
endfunction()

# Sets `out_var` to the folder whose specs are embedded; stops configuration when there is none.
function(clerk_mcp_spec_source_dir out_var)
    if(CLERK_MCP_SPEC_DIR)
        set(dir "${CLERK_MCP_SPEC_DIR}")
        set(origin "the option CLERK_MCP_SPEC_DIR")
    elseif(NOT "$ENV{CLERK_MCP_SPEC_DIR}" STREQUAL "")
        set(dir "$ENV{CLERK_MCP_SPEC_DIR}")
        set(origin "the environment variable CLERK_MCP_SPEC_DIR")
        # The build re-runs configuration by itself (a globbed folder changed), usually without
        # this variable in its environment: keep the choice in the cache.
        set(CLERK_MCP_SPEC_DIR "${dir}" CACHE PATH "${clerk_mcp_spec_dir_doc}" FORCE)
    else()
        clerk_mcp_download_specs(dir)
        set(origin "${CLERK_MCP_SPEC_URL}")
    endif()
    get_filename_component(dir "${dir}" ABSOLUTE)

    clerk_mcp_list_spec_files("${dir}" files)
    if(NOT files)
        message(FATAL_ERROR "clerk-mcp: ${dir} (from ${origin}) holds no file named "
                            "YYYY-MM-DD.yml. ${clerk_mcp_spec_help}")
    endif()
    set(${out_var} "${dir}" PARENT_SCOPE)
endfunction()

# Creates the static library `target`: every spec of `spec_dir`, compiled by the executable
# target `compiler` into ${CMAKE_CURRENT_BINARY_DIR}/specs/<version>.json, embedded with
# `.incbin` (the assembler copies the bytes; no multi-megabyte C++ array to compile), plus the
# generated table behind spec/embedded.hpp and the extra `sources`.
function(clerk_mcp_add_embedded_specs target spec_dir compiler)
    set(sources ${ARGN})
    clerk_mcp_list_spec_files("${spec_dir}" files)
    set(out "${CMAKE_CURRENT_BINARY_DIR}")
    file(MAKE_DIRECTORY "${out}/specs")

    set(asm "/* Generated by cmake/Specs.cmake from ${spec_dir}; do not edit. */\n")
    set(declarations "")
    set(rows "")
    set(outputs "")
    set(versions "")
    set(index 0)
    foreach(file IN LISTS files)
        get_filename_component(version "${file}" NAME_WE)
        set(json "${out}/specs/${version}.json")
        add_custom_command(
            OUTPUT "${json}"
            COMMAND "$<TARGET_FILE:${compiler}>" "${file}" "${json}"
            DEPENDS "${file}" "${compiler}"
            COMMENT "Compiling BAPI spec ${version} to JSON"
            VERBATIM)
        list(APPEND outputs "${json}")
        list(APPEND versions "${version}")

        # The text is followed by a NUL byte, so it can also be read as a C string, and its
        # length is stored beside it: taking the distance between two unrelated symbols is
        # undefined behaviour in C++.
        string(REPLACE "\\" "\\\\" quoted "${json}")
        string(REPLACE "\"" "\\\"" quoted "${quoted}")
        set(symbol "clerk_mcp_spec_${index}")
        string(APPEND asm
            "    .section .rodata.clerk_mcp_specs,\"a\"\n"
            "    .balign 16\n"
            "    .globl ${symbol}\n"
            "    .hidden ${symbol}\n"
            "    .type ${symbol}, %object\n"
            "${symbol}:\n"
            "    .incbin \"${quoted}\"\n"
            "${symbol}_end:\n"
            "    .byte 0\n"
            "    .size ${symbol}, . - ${symbol}\n"
            "    .balign 8\n"
            "    .globl ${symbol}_size\n"
            "    .hidden ${symbol}_size\n"
            "    .type ${symbol}_size, %object\n"
            "${symbol}_size:\n"
            "    .quad ${symbol}_end - ${symbol}\n"
            "    .size ${symbol}_size, 8\n")
        string(APPEND declarations
            "extern \"C\" const char ${symbol}[];\n"
            "extern \"C\" const std::uint64_t ${symbol}_size;\n")
        string(APPEND rows
            "        {\"${version}\", {${symbol}, static_cast<std::size_t>(${symbol}_size)}},\n")
        math(EXPR index "${index} + 1")
    endforeach()
    # Marks the stack non-executable, as compiler-generated objects do.
    string(APPEND asm "    .section .note.GNU-stack,\"\",%progbits\n")

    string(CONCAT table
        "// Generated by cmake/Specs.cmake; do not edit.\n"
        "#include <cstddef>\n#include <cstdint>\n\n#include \"spec/embedded.hpp\"\n\n"
        "${declarations}\n"
        "namespace clerk_mcp::spec {\n\n"
        "std::span<const embedded_spec> embedded_specs() {\n"
        "    static const embedded_spec specs[] = {\n${rows}    };\n"
        "    return specs;\n}\n\n"
        "}  // namespace clerk_mcp::spec\n")
    # file(CONFIGURE) rewrites only on change, so reconfiguring rebuilds nothing needlessly.
    file(CONFIGURE OUTPUT "${out}/embedded_specs.s" CONTENT "${asm}" @ONLY)
    file(CONFIGURE OUTPUT "${out}/embedded_specs.cpp" CONTENT "${table}" @ONLY)

    # The assembler cannot see .incbin inputs, so name them as dependencies of its object.
    set_source_files_properties("${out}/embedded_specs.s" PROPERTIES OBJECT_DEPENDS "${outputs}")
    add_library(${target} STATIC "${out}/embedded_specs.s" "${out}/embedded_specs.cpp"
                ${sources} ${outputs})
    target_link_libraries(${target} PUBLIC clerk_mcp_spec)

    list(JOIN versions ", " shown)
    message(STATUS "clerk-mcp: embedding BAPI specs from ${spec_dir}: ${shown}")
endfunction()
