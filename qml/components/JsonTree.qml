pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import GatewayStudio

/** A JSON payload as a collapsible tree; the first two levels start expanded when it is small. */
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
        // Not during a layout pass (TableView refuses that): on the next turn of the event loop.
        onWidthChanged: relayout.restart()

        Timer {
            id: relayout
            interval: 0
            onTriggered: tree.forceLayout()
        }
        // A new document starts with its first two levels open.
        property int revision: root.model ? root.model.revision : 0
        // ... unless that would lay out thousands of rows on the GUI thread: then only the top level.
        onRevisionChanged: if (root.model && root.model.nodeCount <= 2000) tree.expandRecursively(-1, 2)
    }
}
