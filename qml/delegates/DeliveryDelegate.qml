pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/** One change in an event's delivery history. */
ItemDelegate {
    id: root

    required property int index
    required property string target
    required property string state
    required property int attempts
    required property int httpStatus
    required property string error
    required property string time

    width: ListView.view ? ListView.view.width : implicitWidth
    background: Rectangle {
        color: root.index % 2 ? root.palette.alternateBase : root.palette.base
    }
    contentItem: RowLayout {
        spacing: 12
        Label {
            text: root.time
            font.family: "monospace"
        }
        Label {
            text: root.state
            font.bold: root.state === "failed" || root.state === "delivered"
            Layout.preferredWidth: 80
        }
        Label {
            text: root.target
            elide: Text.ElideMiddle
            Layout.fillWidth: true
        }
        Label {
            text: qsTr("attempt %1").arg(root.attempts)
            visible: root.attempts > 0
        }
        Label {
            text: qsTr("HTTP %1").arg(root.httpStatus)
            visible: root.httpStatus > 0
        }
        Label {
            text: root.error
            visible: root.error.length > 0
            elide: Text.ElideRight
            Layout.maximumWidth: 300
        }
    }
}
