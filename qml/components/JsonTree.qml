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
        Connections {
            target: root.model
            function onLoaded() {
                tree.expandRecursively(-1, 2);
            }
        }
    }
}
