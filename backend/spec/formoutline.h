#pragma once
// What the editor's generated form shows for a YAML file: its sections (each Gateway, each
// ConfigMap, each event source in a ConfigMap's data) and, for one section, a flat list of rows
// generated from that section's schema with the values written in the file. The form has no
// per-type code: everything here comes from the schemas (schema.h), the same ones the validator uses.

#include <string>
#include <vector>

#include "schema.h"
#include "validator.h"
#include "yaml.h"
#include "yamledit.h"

namespace gs::form {

/** One part of the file the form can show. */
struct Section {
    std::string title; ///< "Gateway webhook-gateway", "example (webhook)"
    std::size_t document = 0; ///< index among DocumentEditor::documents()
    yaml::Path base; ///< where the section's mapping is: {} for an object, {data, key} for a source
    std::string pathPrefix; ///< the diagnostics' path prefix: "" or "data.example"
    const schema::TypeSchema *schema = nullptr; ///< nullptr: free-form (custom type), edit in YAML only
    std::string sourceType; ///< the event-source type for a data entry, else empty
    std::string sourceName; ///< the ConfigMap key for a data entry
    int line = 0; ///< 1-based line in the file where the section starts
};

/** What a row stands for. */
enum class RowRole {
    Field, ///< a value the user types or picks
    Group, ///< an object, or a list/map of objects (its entries follow at depth + 1)
    Entry, ///< one entry of a list/map of objects (its fields follow at depth + 1)
};

struct Row {
    RowRole role = RowRole::Field;
    std::string label; ///< the key, "[0]" for a list entry
    std::string path; ///< full path as diagnostics name it: "data.example.port", "spec.watchers.sensors[0].name"
    yaml::Path editPath; ///< the path for DocumentEditor, from the document root
    int depth = 0;
    const schema::Field *field = nullptr; ///< the schema field (Entry rows: the list/map's field)
    bool present = false; ///< written in the file
    /** The value as the form shows it: scalars as read, collections and other YAML in flow style. */
    std::string value;
    /** True when the form edits `value` as YAML (numbers, bools, flow collections), false for text. */
    bool yamlValue = false;
    bool canAdd = false; ///< a list/map of objects: the form can add an entry
    bool canRemove = false; ///< a list/map entry, or an optional field that is written
    /** Shown masked: a secret field, or an unknown key that looks like one (`AuthSecret`, `password`, `{value: ...}`). */
    bool secret = false;
};

/**
 * The sections of a parsed file, in file order. A data entry's type is the `spec.type` of a Gateway
 * in the file that names the ConfigMap, else the type its keys fit best (as `gwctl validate` guesses).
 */
[[nodiscard]] std::vector<Section> sections(
    const std::vector<yaml::Document> &docs, const SchemaLookup &lookup, const std::vector<const schema::TypeSchema *> &known);

/** The rows of `section` with the values in `docs`. */
[[nodiscard]] std::vector<Row> rows(const Section &section, const yaml::DocumentEditor &editor);

/** A value as one line of flow YAML (what the form shows for collections). */
[[nodiscard]] std::string flowText(const yaml::Node &node);

} // namespace gs::form
