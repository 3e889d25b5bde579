#pragma once
// The problems the validator found in the open file, in file order: the editor's problems list and
// the YAML view's gutter read the same rows.

#include <unordered_map>
#include <vector>

#include <QAbstractListModel>
#include <QtQmlIntegration>

#include "spec/diagnostic.h"

namespace gs {

class ProblemModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The editor document provides its problems")
    Q_PROPERTY(int count READ count NOTIFY changed)
    Q_PROPERTY(int errors READ errors NOTIFY changed)
    Q_PROPERTY(int warnings READ warnings NOTIFY changed)
    /** Changes whenever the problems do (bindings over severityAt() depend on it). */
    Q_PROPERTY(int revision READ revision NOTIFY changed)
public:
    enum Role {
        SeverityRole = Qt::UserRole + 1, ///< QString: error or warning
        LineRole, ///< int, 1-based
        ColumnRole, ///< int, 1-based
        EndLineRole,
        EndColumnRole,
        PathRole, ///< QString: data.build.method
        MessageRole,
        RuleRole,
        TextRole, ///< QString: the `gwctl validate` line without the file
    };
    Q_ENUM(Role)

    explicit ProblemModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return static_cast<int>(m_rows.size()); }
    [[nodiscard]] int errors() const { return m_errors; }
    [[nodiscard]] int warnings() const { return count() - errors(); }
    [[nodiscard]] int revision() const { return m_revision; }
    /** 2 if 1-based `line` has an error, 1 a warning, else 0 (the gutter asks for visible lines only). */
    Q_INVOKABLE int severityAt(int line) const;

    /** Replaces the problems; nothing is signalled when they are the same. */
    void update(std::vector<Diagnostic> problems);
    [[nodiscard]] const std::vector<Diagnostic> &problems() const { return m_rows; }
    /** The messages of the problems on 1-based `line`, one per line of text (the gutter's tooltip). */
    Q_INVOKABLE QString messagesAt(int line) const;

Q_SIGNALS:
    void changed();

private:
    std::vector<Diagnostic> m_rows;
    std::unordered_map<int, int> m_lineSeverity;
    int m_errors = 0;
    int m_revision = 0;
};

} // namespace gs
