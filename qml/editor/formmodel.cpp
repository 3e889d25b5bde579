#include "formmodel.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace gs {

namespace {

QString q(const std::string &s)
{
    return QString::fromStdString(s);
}

bool sameShape(const std::vector<form::Row> &a, const std::vector<form::Row> &b)
{
    return a.size() == b.size()
        && std::equal(a.begin(), a.end(), b.begin(), [](const form::Row &x, const form::Row &y) {
               return x.path == y.path && x.role == y.role && x.field == y.field && x.depth == y.depth;
           });
}

} // namespace

FormModel::FormModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int FormModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant FormModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const form::Row &r = m_rows[static_cast<std::size_t>(index.row())];
    const schema::Field *f = r.field;
    switch (role) {
    case RowRoleRole:
        return r.role == form::RowRole::Group ? QStringLiteral("group") : r.role == form::RowRole::Entry ? QStringLiteral("entry") : QStringLiteral("field");
    case Qt::DisplayRole:
    case LabelRole:
        return q(r.label);
    case PathRole:
        return q(r.path);
    case DepthRole:
        return r.depth;
    case KindRole:
        return f ? QString::fromLatin1(schema::toString(f->kind)) : QStringLiteral("any");
    case RequiredRole:
        return f && f->required && r.role != form::RowRole::Entry;
    case PresentRole:
        return r.present;
    case ValueRole:
        return q(r.value);
    case YamlValueRole:
        return r.yamlValue;
    case PlaceholderRole:
        if (!f || r.role == form::RowRole::Entry)
            return QString();
        if (!f->defaultValue.empty())
            return tr("default: %1").arg(q(f->defaultValue));
        if (!f->example.empty() && !f->secret)
            return tr("e.g. %1").arg(q(f->example));
        return QString();
    case DescriptionRole:
        return f ? q(f->description) : tr("Not a field of this type: the validator warns about it.");
    case AllowedRole: {
        QStringList out;
        if (f && r.role == form::RowRole::Field) {
            for (const auto &a : f->allowed)
                out << q(a);
        }
        if (f && f->kind == schema::Kind::Bool && out.isEmpty())
            out << QStringLiteral("true") << QStringLiteral("false");
        return out;
    }
    case SecretRole:
        return r.secret;
    case OursRole:
        return f && f->origin == schema::Origin::GatewayStudio ? q(f->since) : QString();
    case CanAddRole:
        return r.canAdd;
    case CanRemoveRole:
        return r.canRemove;
    case SeverityRole:
        return m_marks[static_cast<std::size_t>(index.row())].severity;
    case ProblemRole:
        return m_marks[static_cast<std::size_t>(index.row())].text;
    case KnownRole:
        return f != nullptr;
    case ChoicesRole: {
        QStringList out {f && !f->defaultValue.empty() ? tr("(default: %1)").arg(q(f->defaultValue)) : tr("(not set)")};
        out += data(index, AllowedRole).toStringList();
        if (r.present && !out.contains(q(r.value)))
            out << q(r.value); // a value the schema does not allow still shows as written
        return out;
    }
    case ChoiceIndexRole:
        return r.present ? std::max(0, static_cast<int>(data(index, ChoicesRole).toStringList().indexOf(q(r.value)))) : 0;
    default:
        return {};
    }
}

QHash<int, QByteArray> FormModel::roleNames() const
{
    return {{RowRoleRole, "rowRole"}, {LabelRole, "label"}, {PathRole, "path"}, {DepthRole, "depth"}, {KindRole, "kind"},
        {RequiredRole, "required"}, {PresentRole, "present"}, {ValueRole, "value"}, {YamlValueRole, "yamlValue"},
        {PlaceholderRole, "placeholder"}, {DescriptionRole, "description"}, {AllowedRole, "allowed"}, {SecretRole, "secret"},
        {OursRole, "ours"}, {CanAddRole, "canAdd"}, {CanRemoveRole, "canRemove"}, {SeverityRole, "severity"},
        {ProblemRole, "problem"}, {KnownRole, "known"}, {ChoicesRole, "choices"},
        {ChoiceIndexRole, "choiceIndex"}};
}

void FormModel::update(std::vector<form::Row> rows, const std::vector<Diagnostic> &problems)
{
    // Rows by path, then each problem once: linear in rows plus problems.
    std::unordered_map<std::string_view, std::size_t> byPath;
    for (std::size_t i = 0; i < rows.size(); ++i)
        byPath.emplace(rows[i].path, i);
    std::vector<Marks> marks(rows.size());
    for (const auto &d : problems) {
        const auto it = byPath.find(d.path);
        if (it == byPath.end())
            continue;
        auto &m = marks[it->second];
        m.severity = std::max(m.severity, d.isError() ? 2 : 1);
        if (m.text.size() > 2000)
            continue; // enough to read at one field
        if (!m.text.isEmpty())
            m.text += QLatin1Char('\n');
        m.text += q(d.message);
    }
    if (!sameShape(m_rows, rows)) {
        const bool countChanges = rows.size() != m_rows.size();
        beginResetModel();
        m_rows = std::move(rows);
        m_marks = std::move(marks);
        endResetModel();
        if (countChanges)
            Q_EMIT countChanged();
        return;
    }
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const form::Row &old = m_rows[i];
        const form::Row &now = rows[i];
        const bool changed = old.value != now.value || old.present != now.present || old.yamlValue != now.yamlValue
            || old.canRemove != now.canRemove || !(m_marks[i] == marks[i]);
        m_rows[i] = std::move(rows[i]);
        m_marks[i] = std::move(marks[i]);
        if (changed) {
            const QModelIndex at = index(static_cast<int>(i));
            Q_EMIT dataChanged(at, at);
        }
    }
}

const form::Row *FormModel::row(int i) const
{
    return i >= 0 && i < count() ? &m_rows[static_cast<std::size_t>(i)] : nullptr;
}

void FormModel::setValue(int i, const std::string &value)
{
    if (i < 0 || i >= count())
        return;
    auto &r = m_rows[static_cast<std::size_t>(i)];
    if (r.value == value)
        return;
    r.value = value;
    r.present = !value.empty();
    const QModelIndex at = index(i);
    Q_EMIT dataChanged(at, at, {ValueRole, PresentRole});
}

int FormModel::indexOfPath(const QString &path) const
{
    const std::string p = path.toStdString();
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].path == p)
            return static_cast<int>(i);
    }
    return -1;
}

} // namespace gs
