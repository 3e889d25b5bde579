pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/** Every running gateway with its sources and their live state. */
Pane {
    id: root

    padding: 0
    background: Rectangle {
        color: root.palette.base
        Rectangle {
            anchors.right: parent.right
            width: 1
            height: parent.height
            color: root.palette.mid
        }
    }

    ColumnLayout {
        anchors.fill: parent
        spacing: 0

        Label {
            Layout.fillWidth: true
            padding: 8
            text: qsTr("Gateways")
            font.bold: true
            color: root.palette.text
        }

        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            model: Gateways.gateways
            spacing: 6
            delegate: GatewayDelegate {
                width: list.width
            }
            ScrollBar.vertical: ScrollBar {}

            Label {
                anchors.fill: parent
                anchors.margins: 12
                visible: list.count === 0
                wrapMode: Text.Wrap
                text: Gateways.loading ? qsTr("Loading…") : qsTr("No gateways yet. Open a Gateway and its event-source ConfigMap, or run the demo.")
                color: root.palette.placeholderText
            }
        }

        Label {
            Layout.fillWidth: true
            visible: Gateways.lastError.length > 0
            padding: 8
            wrapMode: Text.Wrap
            text: Gateways.lastError
            font.bold: true
            color: root.palette.text
            background: Rectangle {
                color: root.palette.alternateBase
                border.color: root.palette.highlight
            }
            TapHandler {
                onTapped: Gateways.clearError()
            }
        }
    }
}
