#pragma once
// The open file's sections as a list model for QML (role `display`): views bind to the model, not
// to a string list that every binding would copy whole.

#include <QStringListModel>
#include <QtQmlIntegration>

namespace gs {

class SectionModel : public QStringListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("The editor document provides its sections")
public:
    using QStringListModel::QStringListModel;
};

} // namespace gs
