#include "jsontreemodel.h"

#include <QThread>

using namespace Qt::StringLiterals;

namespace gs {

JsonTreeModel::JsonTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
    , m_root(std::make_unique<Node>())
{
}

JsonTreeModel::~JsonTreeModel() = default;

JsonTreeModel::Node *JsonTreeModel::nodeOf(const QModelIndex &index) const
{
    return index.isValid() ? static_cast<Node *>(index.internalPointer()) : m_root.get();
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    const Node *p = nodeOf(parent);
    if (column != 0 || row < 0 || static_cast<std::size_t>(row) >= p->children.size())
        return {};
    return createIndex(row, 0, p->children[static_cast<std::size_t>(row)].get());
}

QModelIndex JsonTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return {};
    const Node *p = nodeOf(child)->parent;
    if (!p || p == m_root.get())
        return {};
    return createIndex(p->row, 0, const_cast<Node *>(p));
}

int JsonTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return static_cast<int>(nodeOf(parent)->children.size());
}

int JsonTreeModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QHash<int, QByteArray> JsonTreeModel::roleNames() const
{
    return {
        {Qt::DisplayRole, "display"},
        {KeyRole, "key"},
        {ValueRole, "value"},
        {KindRole, "kind"},
    };
}

QVariant JsonTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node *n = nodeOf(index);
    switch (role) {
    case Qt::DisplayRole:
        return n->key.isEmpty() ? n->value : n->key + u": "_s + n->value;
    case KeyRole:
        return n->key;
    case ValueRole:
        return n->value;
    case KindRole:
        return n->kind;
    default:
        return {};
    }
}

void JsonTreeModel::build(Node *node, const json::Value &value)
{
    auto addChild = [&](const QString &key, const json::Value &v) -> bool {
        if (m_nodes >= kMaxNodes || static_cast<int>(node->children.size()) >= kMaxChildren) {
            m_truncated = true;
            return false;
        }
        auto child = std::make_unique<Node>();
        child->key = key;
        child->parent = node;
        child->row = static_cast<int>(node->children.size());
        ++m_nodes;
        Node *c = child.get();
        node->children.push_back(std::move(child));
        build(c, v);
        return true;
    };
    if (const json::Object *o = value.object()) {
        node->kind = u"object"_s;
        node->value = u"{%1}"_s.arg(o->size());
        for (const auto &[k, v] : *o) {
            if (!addChild(QString::fromStdString(k), v))
                break;
        }
    } else if (const auto *a = std::get_if<json::Array>(&value.v)) {
        node->kind = u"array"_s;
        node->value = u"[%1]"_s.arg(a->size());
        for (std::size_t i = 0; i < a->size(); ++i) {
            if (!addChild(u"[%1]"_s.arg(i), (*a)[i]))
                break;
        }
    } else if (const std::string *str = value.string()) {
        node->kind = u"string"_s;
        QString text = QString::fromStdString(*str);
        if (text.size() > 200)
            text = text.left(200) + u'…';
        node->value = u'"' + text + u'"';
    } else if (const auto *n = std::get_if<json::Number>(&value.v)) {
        node->kind = u"number"_s;
        node->value = QString::fromStdString(n->text); // as written: 12345678901234567890 stays exact
    } else if (const bool *b = std::get_if<bool>(&value.v)) {
        node->kind = u"bool"_s;
        node->value = *b ? u"true"_s : u"false"_s;
    } else {
        node->kind = u"null"_s;
        node->value = u"null"_s;
    }
}

void JsonTreeModel::setJson(const json::Value &value)
{
    reset(&value);
}

void JsonTreeModel::clear()
{
    reset(nullptr);
}

void JsonTreeModel::reset(const json::Value *value)
{
    Q_ASSERT(thread() == QThread::currentThread());
    beginResetModel();
    m_root = std::make_unique<Node>();
    m_nodes = 0;
    m_truncated = false;
    if (value && (value->isObject() || std::holds_alternative<json::Array>(value->v))) {
        build(m_root.get(), *value);
    } else if (value) {
        // A scalar document is one row.
        auto child = std::make_unique<Node>();
        child->parent = m_root.get();
        build(child.get(), *value);
        m_root->children.push_back(std::move(child));
        m_nodes = 1;
    }
    endResetModel();
    ++m_revision;
    Q_EMIT loaded();
}

} // namespace gs
