// libFuzzer target for the YAML layer: parsing never hangs or crashes, and whatever parses is
// written back in canonical layout that reads back as the same data and formats to itself; the
// validator and the editor survive any input. Built only with clang (-DGS_FUZZ=ON); scripts/test.sh
// runs it for a bounded time.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "spec/objectschemas.h"
#include "spec/validator.h"
#include "spec/yaml.h"
#include "spec/yamledit.h"
#include "spec/yamlwrite.h"

namespace {

[[noreturn]] void broken(const char *what, std::string_view input, const std::string &output)
{
    std::fprintf(
        stderr, "fuzz: %s\n--- input ---\n%.*s\n--- output ---\n%s\n", what, static_cast<int>(input.size()), input.data(), output.c_str());
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    using namespace gs;
    const std::string_view text(reinterpret_cast<const char *>(data), size);
    auto docs = yaml::parseDocuments(text, "fuzz");

    // Validation of whatever it is, as Gateway and ConfigMap files (no source schemas needed here).
    ValidateOptions options;
    (void)validateFiles({{"fuzz.yaml", std::string(text)}}, options);
    if (!docs)
        return 0;

    // The canonical layout keeps the data and is a fixed point.
    auto out = yaml::format(text, "fuzz");
    if (out) {
        auto again = yaml::parseDocuments(*out, "formatted");
        if (!again)
            broken(("formatted text does not parse: " + again.error().text()).c_str(), text, *out);
        if (again->size() != docs->size())
            broken("formatted text has another number of documents", text, *out);
        for (std::size_t i = 0; i < docs->size(); ++i) {
            if (!(*docs)[i].root.sameData((*again)[i].root))
                broken("formatted text reads back as other data", text, *out);
        }
        auto twice = yaml::format(*out, "formatted");
        if (!twice || *twice != *out)
            broken("fmt is not idempotent", text, twice ? *twice : twice.error().text());
    }

    // Editing the first key of the first document: any edit leaves valid YAML or is refused.
    if (!docs->empty() && docs->front().root.isMapping() && docs->front().root.size() > 0) {
        auto ed = yaml::DocumentEditor::open(std::string(text), "fuzz");
        if (ed) {
            const std::string key = docs->front().root.entries().front().key.scalar();
            (void)ed->setValue(0, {{key, -1}}, "on");
            (void)ed->setValue(0, {{key, -1}, {"added", -1}}, "line one\nline two");
            (void)ed->remove(0, {{key, -1}});
            if (!yaml::parseDocuments(ed->text(), "edited"))
                broken("an edit left invalid YAML", text, ed->text());
        }
    }
    return 0;
}
