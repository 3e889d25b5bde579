#include "secretref.h"

#include <cstdlib>

#include "yaml.h"

namespace gs {

std::string SecretRef::describe() const
{
    switch (kind) {
    case Kind::File:
        return "file " + first;
    case Kind::Env:
        return "environment variable " + first;
    case Kind::Value:
        return "an inline value";
    case Kind::KubeSecret:
        return "secret " + first + "/" + second;
    }
    return {};
}

Result<SecretRef> parseSecretRef(const yaml::Node &node)
{
    const std::string expected = "expected exactly one of {file: PATH}, {env: NAME}, {value: TEXT} or {name: SECRET, key: KEY}";
    if (!node.isMapping()) {
        if (node.isScalar() && !node.isNull())
            return fail("expected a secret reference such as {file: PATH}, {env: NAME}, {value: TEXT} or {name: SECRET, key: KEY}; "
                        "found a plain value (not shown, as it may be the secret)");
        return fail("expected a secret reference such as {file: PATH}, {env: NAME}, {value: TEXT} or {name: SECRET, key: KEY}; found "
            + yaml::describe(node));
    }
    const SourceConfig ref(node);
    auto get = [&](std::string_view k) -> Result<std::string> {
        auto s = ref.string(k);
        if (!s)
            return fail(std::string(k) + ": expected a string, found " + yaml::describe(ref.find(k)));
        return s->value_or(std::string());
    };
    auto file = get("file"), env = get("env"), value = get("value"), name = get("name"), skey = get("key");
    for (auto *r : {&file, &env, &value, &name, &skey}) {
        if (!*r)
            return tl::unexpected(r->error());
    }
    const int forms = !file->empty() + !env->empty() + ref.find("value").isDefined() + (!name->empty() || !skey->empty());
    if (forms != 1)
        return fail(expected);
    if (!file->empty())
        return SecretRef {SecretRef::Kind::File, *file, {}};
    if (!env->empty())
        return SecretRef {SecretRef::Kind::Env, *env, {}};
    if (ref.find("value").isDefined()) {
        if (value->empty()) // an empty key or token would accept anyone who sends an empty one
            return fail("{value: ...} is empty; a secret needs at least one character");
        return SecretRef {SecretRef::Kind::Value, *value, {}};
    }
    if (name->empty() || skey->empty())
        return fail("a Kubernetes Secret reference needs both name and key");
    return SecretRef {SecretRef::Kind::KubeSecret, *name, *skey};
}

Result<std::optional<SecretRef>> readSecretRef(const SourceConfig &parent, std::string_view key)
{
    const yaml::Node n = parent.find(key);
    if (n.isNull())
        return std::nullopt;
    auto ref = parseSecretRef(n);
    if (!ref)
        return fail(parent.path(key) + ": " + ref.error().message + where(n));
    return *ref;
}

namespace {
/** Files written by `echo` (or `kubectl create secret --from-file` of one) end in a newline that is
 *  not part of the secret; no token sent in a header can hold one anyway. */
std::string withoutTrailingNewlines(std::string text)
{
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r'))
        text.pop_back();
    return text;
}
} // namespace

Result<std::string> resolveSecret(const SecretRef &ref, const std::string &secretsDir)
{
    switch (ref.kind) {
    case SecretRef::Kind::Value:
        return ref.first;
    case SecretRef::Kind::Env: {
        const char *v = std::getenv(ref.first.c_str());
        if (!v)
            return fail("secret from environment variable " + ref.first + ": the variable is not set");
        return std::string(v);
    }
    case SecretRef::Kind::File: {
        auto text = yaml::readFile(ref.first);
        if (!text)
            return fail("secret from file " + ref.first + ": " + text.error().message);
        return withoutTrailingNewlines(std::move(*text));
    }
    case SecretRef::Kind::KubeSecret: {
        if (secretsDir.empty())
            return fail("secret " + ref.first + "/" + ref.second + ": Kubernetes Secrets are read from --secrets-dir DIR (as DIR/"
                + ref.first + "/" + ref.second + "), and none was given");
        if (ref.first.find('/') != std::string::npos || ref.second.find('/') != std::string::npos || ref.first == ".."
            || ref.second == "..")
            return fail("secret " + ref.first + "/" + ref.second + ": names may not contain '/'");
        const std::string path = secretsDir + "/" + ref.first + "/" + ref.second;
        auto text = yaml::readFile(path);
        if (!text)
            return fail("secret " + ref.first + "/" + ref.second + ": " + text.error().message + " (" + path + ")");
        return withoutTrailingNewlines(std::move(*text));
    }
    }
    return fail("unknown secret reference");
}

bool constantTimeEquals(std::string_view a, std::string_view b)
{
    // Length is not secret here (the expected value is fixed); the content comparison is.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const std::size_t n = std::min(a.size(), b.size());
    for (std::size_t i = 0; i < n; ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace gs
