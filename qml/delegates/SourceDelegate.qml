pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/** One event source: name, state (starting, running, failed with the error, restarting) and events. */
ColumnLayout {
    id: root

    required property string name
    required property int phase
    required property string phaseText
    required property string message
    required property string connection
    required property int restarts
    required property string connectionPhase
    /** Also show the connection report and restarts (the Gateways page). */
    property bool detailed: false
    /** The gateway this source belongs to, when it can be sent a test message (stream types); else empty. */
    property string testGateway: ""
    /** The last test message's outcome for this source, shown under it. */
    property string testResult: ""
    property bool testOk: true

    spacing: 0

    RowLayout {
        Layout.fillWidth: true
        Label {
            // A filled dot when running, a hollow one otherwise: state without a colour of its own.
            text: root.phase === SourceListModel.Running ? "●" : "○"
            color: root.phase === SourceListModel.Failed || root.phase === SourceListModel.Invalid ? root.palette.highlight : root.palette.text
        }
        Label {
            text: root.name
            elide: Text.ElideRight
            Layout.fillWidth: true
            color: root.palette.text
        }
        Label {
            // A broker source's own connection state (connecting, connected, reconnecting, failed).
            objectName: "connectionPhase"
            visible: root.connectionPhase.length > 0
            text: root.connectionPhase
            font.pixelSize: 11
            padding: 2
            color: "white"
            background: Rectangle {
                radius: 3
                color: root.connectionPhase === "connected" ? "#2e7d32" : root.connectionPhase === "failed" ? "#c62828" : "#b26a00"
            }
        }
        Label {
            text: root.phaseText
            font.bold: root.phase === SourceListModel.Failed || root.phase === SourceListModel.Invalid
            color: root.palette.text
        }
        ToolButton {
            objectName: "sendTest-" + root.name
            // An invalid source listens nowhere: nothing to send it.
            visible: root.testGateway.length > 0 && root.phase !== SourceListModel.Invalid
            text: qsTr("Send test message")
            ToolTip.visible: hovered
            ToolTip.text: qsTr("Publish a sample message where this source listens; it should arrive as an event")
            onClicked: Gateways.sendTestMessage(root.testGateway, root.name)
        }
    }
    Label {
        objectName: "testResult"
        Layout.fillWidth: true
        Layout.leftMargin: 18
        visible: root.testResult.length > 0
        text: (root.testOk ? qsTr("Test message: %1") : qsTr("Test message failed: %1")).arg(root.testResult)
        wrapMode: Text.Wrap
        color: root.testOk ? root.palette.text : "#c62828"
    }
    Label {
        Layout.fillWidth: true
        Layout.leftMargin: 18
        visible: root.message.length > 0
        text: root.message
        wrapMode: Text.Wrap
        maximumLineCount: root.detailed ? 6 : 3
        elide: Text.ElideRight
        color: root.palette.text
    }
    Label {
        Layout.fillWidth: true
        Layout.leftMargin: 18
        visible: root.detailed && root.connection.length > 0
        text: root.restarts > 0 ? qsTr("%1 (restarted %2 times)").arg(root.connection).arg(root.restarts) : root.connection
        wrapMode: Text.Wrap
        color: root.palette.placeholderText
    }
}
