#pragma once
// The rows of the editor's generated form (spec/formoutline) with the problems found at each field.

#include <vector>

#include <QAbstractListModel>
#include <QtQmlIntegration>

#include "spec/diagnostic.h"
#include "spec/formoutline.h"

namespace gs {

class FormModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The editor document provides its form")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
public:
    enum Role {
        RowRoleRole = Qt::UserRole + 1, ///< QString: field, group or entry
        LabelRole, ///< QString: the key, or "[0]"
        PathRole, ///< QString: the diagnostics' path
        DepthRole, ///< int
        KindRole, ///< QString: string, int, enum, ... (schema::toString(Kind))
        RequiredRole, ///< bool
        PresentRole, ///< bool: written in the file
        ValueRole, ///< QString: as the form shows it
        YamlValueRole, ///< bool: the value is edited as YAML
        PlaceholderRole, ///< QString: "default: x" or "e.g. x"
        DescriptionRole, ///< QString
        AllowedRole, ///< QStringList: enum values or suggestions
        SecretRole, ///< bool: shown masked
        OursRole, ///< QString: the decision that adds the key beyond v0.10, or empty
        CanAddRole, ///< bool
        CanRemoveRole, ///< bool
        SeverityRole, ///< int: 0 none, 1 warning, 2 error
        ProblemRole, ///< QString: the problems at this field, one per line
        KnownRole, ///< bool: false for keys the schema does not know
        ChoicesRole, ///< QStringList: what a choice field offers: "(not set)" or "(default: x)", `allowed`, and a written value not allowed
        ChoiceIndexRole, ///< int: the written value's index in ChoicesRole (0 when absent)
    };
    Q_ENUM(Role)

    explicit FormModel(QObject *parent = nullptr);

    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;
    [[nodiscard]] int count() const { return static_cast<int>(m_rows.size()); }

    /**
     * Shows `rows` with `problems` at their paths. When the rows are the same fields as before,
     * only changed values and markers are signalled, so a field being typed in keeps its focus.
     */
    void update(std::vector<form::Row> rows, const std::vector<Diagnostic> &problems);
    /** The row at `i`, or nullptr. */
    [[nodiscard]] const form::Row *row(int i) const;
    /** Sets a row's shown value after the form wrote it (the next validation confirms it). */
    void setValue(int i, const std::string &value);
    /** The index of the row with `path`, or -1. */
    Q_INVOKABLE int indexOfPath(const QString &path) const;

Q_SIGNALS:
    void countChanged();

private:
    struct Marks {
        int severity = 0;
        QString text;
        bool operator==(const Marks &) const = default;
    };
    std::vector<form::Row> m_rows;
    std::vector<Marks> m_marks;
};

} // namespace gs
