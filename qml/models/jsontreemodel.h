#pragma once
// A JSON document as a collapsible tree (the selected event's payload).

#include <memory>
#include <vector>

#include <QAbstractItemModel>
#include <QtQmlIntegration>

#include "core/json.h"

namespace gs {

/**
 * One node per JSON value; objects and arrays have children. Built once per selected event from the
 * project's JSON reader, so members keep their order (and duplicates) and numbers read as written.
 */
class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("EventDetailController provides the payload tree")
    /** Nodes in the tree (capped; see truncated). */
    Q_PROPERTY(int nodeCount READ nodeCount NOTIFY loaded)
    /** True when the document had more nodes than are shown. */
    Q_PROPERTY(bool truncated READ truncated NOTIFY loaded)
    /** Grows by one with every document shown (views reset their expansion on it). */
    Q_PROPERTY(int revision READ revision NOTIFY loaded)
public:
    enum Role {
        KeyRole = Qt::UserRole + 1, ///< QString: the member name, or "[i]" for array items
        ValueRole, ///< QString: the value for scalars, "{n}" / "[n]" for objects and arrays
        KindRole, ///< QString: object, array, string, number, bool or null
    };
    Q_ENUM(Role)

    static constexpr int kMaxNodes = 20000;
    static constexpr int kMaxChildren = 1000;

    explicit JsonTreeModel(QObject *parent = nullptr);
    ~JsonTreeModel() override;

    [[nodiscard]] QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    [[nodiscard]] QModelIndex parent(const QModelIndex &child) const override;
    [[nodiscard]] int rowCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex &parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex &index, int role) const override;
    [[nodiscard]] QHash<int, QByteArray> roleNames() const override;

    /** Shows `value` (top-level members become the root rows; a scalar is one row). */
    void setJson(const json::Value &value);
    /** Empties the tree. */
    void clear();
    [[nodiscard]] int nodeCount() const { return m_nodes; }
    [[nodiscard]] bool truncated() const { return m_truncated; }
    [[nodiscard]] int revision() const { return m_revision; }

Q_SIGNALS:
    void loaded();

private:
    struct Node {
        QString key;
        QString value;
        QString kind;
        Node *parent = nullptr;
        int row = 0;
        std::vector<std::unique_ptr<Node>> children;
    };
    void build(Node *node, const json::Value &value);
    void reset(const json::Value *value);
    Node *nodeOf(const QModelIndex &index) const;

    std::unique_ptr<Node> m_root;
    int m_nodes = 0;
    bool m_truncated = false;
    int m_revision = 0;
};

} // namespace gs
