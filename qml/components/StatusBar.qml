pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/** Counts at the bottom of the window: events shown, received, dropped, and the demo's webhook URL. */
ToolBar {
    id: root

    RowLayout {
        anchors.fill: parent
        anchors.leftMargin: 8
        anchors.rightMargin: 8
        spacing: 16

        Label {
            objectName: "eventCount"
            text: qsTr("%1 events shown · %2 received").arg(Events.count).arg(Events.totalCount)
        }
        Label {
            objectName: "droppedCount"
            text: qsTr("%1 dropped (buffer of %2)").arg(Events.droppedCount).arg(Events.capacity)
            font.bold: Events.droppedCount > 0
        }
        Label {
            visible: Events.paused
            text: qsTr("Paused · %1 waiting").arg(Events.arrivedWhilePaused)
            font.bold: true
        }
        Item {
            Layout.fillWidth: true
        }
        Label {
            visible: Demo.running
            text: qsTr("Demo webhook: POST %1").arg(Demo.webhookUrl)
            font.family: "monospace"
            elide: Text.ElideLeft
            Layout.maximumWidth: 520
        }
    }
}
