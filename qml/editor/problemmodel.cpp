#include "problemmodel.h"

#include <algorithm>

namespace gs {

namespace {

bool same(const Diagnostic &a, const Diagnostic &b)
{
    return a.severity == b.severity && a.line == b.line && a.column == b.column && a.endLine == b.endLine && a.endColumn == b.endColumn
        && a.path == b.path && a.message == b.message;
}

} // namespace

ProblemModel::ProblemModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int ProblemModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : count();
}

QVariant ProblemModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Diagnostic &d = m_rows[static_cast<std::size_t>(index.row())];
    switch (role) {
    case SeverityRole:
        return QString::fromLatin1(toString(d.severity));
    case LineRole:
        return d.line;
    case ColumnRole:
        return d.column;
    case EndLineRole:
        return d.endLine;
    case EndColumnRole:
        return d.endColumn;
    case PathRole:
        return QString::fromStdString(d.path);
    case MessageRole:
        return QString::fromStdString(d.message);
    case RuleRole:
        return QString::fromStdString(d.rule);
    case Qt::DisplayRole:
    case TextRole:
        return QStringLiteral("%1:%2: %3: %4%5")
            .arg(d.line)
            .arg(d.column)
            .arg(QString::fromLatin1(toString(d.severity)), d.path.empty() ? QString() : QString::fromStdString(d.path) + QStringLiteral(": "),
                QString::fromStdString(d.message));
    default:
        return {};
    }
}

QHash<int, QByteArray> ProblemModel::roleNames() const
{
    return {{SeverityRole, "severity"}, {LineRole, "line"}, {ColumnRole, "column"}, {EndLineRole, "endLine"}, {EndColumnRole, "endColumn"},
        {PathRole, "path"}, {MessageRole, "message"}, {RuleRole, "rule"}, {TextRole, "text"}};
}

int ProblemModel::severityAt(int line) const
{
    const auto it = m_lineSeverity.find(line);
    return it == m_lineSeverity.end() ? 0 : it->second;
}

void ProblemModel::update(std::vector<Diagnostic> problems)
{
    if (problems.size() == m_rows.size() && std::equal(problems.begin(), problems.end(), m_rows.begin(), same))
        return;
    beginResetModel();
    m_rows = std::move(problems);
    m_lineSeverity.clear();
    m_errors = 0;
    for (const auto &d : m_rows) {
        int &sev = m_lineSeverity[d.line];
        sev = std::max(sev, d.isError() ? 2 : 1);
        m_errors += d.isError() ? 1 : 0;
    }
    ++m_revision;
    endResetModel();
    Q_EMIT changed();
}

QString ProblemModel::messagesAt(int line) const
{
    QStringList out;
    for (const auto &d : m_rows) {
        if (d.line == line)
            out << QStringLiteral("%1: %2%3").arg(QString::fromLatin1(toString(d.severity)),
                d.path.empty() ? QString() : QString::fromStdString(d.path) + QStringLiteral(": "), QString::fromStdString(d.message));
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace gs
