pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import GatewayStudio

/** A JSON payload as a collapsible tree; the first two levels start expanded. */
ScrollView {
    id: root

    property JsonTreeModel model

    clip: true

    TreeView {
        id: tree
        model: root.model
        delegate: TreeViewDelegate {}
        // One column as wide as the pane: rows loaded later (deeper, longer) are not cut to the
        // width of the first rows; values are already capped in the model.
        columnWidthProvider: column => Math.max(root.availableWidth, 200)
        onWidthChanged: tree.forceLayout()
        // A new document starts with its first two levels open.
        property int revision: root.model ? root.model.revision : 0
        onRevisionChanged: tree.expandRecursively(-1, 2)
    }
}
