pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import GatewayStudio

/** The selected event: its attributes, payload (text and tree), envelope as sent, and deliveries. */
Pane {
    id: root

    required property EventDetailController controller
    property alias currentTab: tabs.currentIndex

    padding: 6

    ColumnLayout {
        anchors.fill: parent
        spacing: 4

        Label {
            visible: !root.controller.hasEvent
            Layout.fillWidth: true
            Layout.fillHeight: true
            horizontalAlignment: Text.AlignHCenter
            verticalAlignment: Text.AlignVCenter
            text: qsTr("Select an event to see its envelope, payload and deliveries.")
            color: root.palette.placeholderText
        }

        GridLayout {
            visible: root.controller.hasEvent
            Layout.fillWidth: true
            columns: 4
            columnSpacing: 12
            rowSpacing: 2

            Label { text: qsTr("Event"); font.bold: true }
            Label {
                text: root.controller.eventId
                font.family: "monospace"
                elide: Text.ElideMiddle
                Layout.fillWidth: true
                Layout.columnSpan: 3
            }
            Label { text: qsTr("Gateway"); font.bold: true }
            Label { text: qsTr("%1 (%2), source %3").arg(root.controller.gateway).arg(root.controller.type).arg(root.controller.source); Layout.fillWidth: true }
            Label { text: qsTr("Received"); font.bold: true }
            Label { text: root.controller.time; font.family: "monospace" }
            Label { text: qsTr("Content"); font.bold: true }
            Label { text: qsTr("%1, %2").arg(root.controller.contentType || qsTr("unknown type")).arg(root.controller.sizeText); Layout.fillWidth: true }
            Label { text: qsTr("Envelope"); font.bold: true }
            Label { text: root.controller.envelopeKind }
        }

        RowLayout {
            visible: root.controller.hasEvent
            Layout.fillWidth: true
            TabBar {
                id: tabs
                Layout.fillWidth: true
                TabButton { text: qsTr("Payload"); width: implicitWidth }
                TabButton { text: qsTr("Tree"); width: implicitWidth; enabled: root.controller.payloadIsJson }
                TabButton { text: qsTr("Envelope"); width: implicitWidth }
                TabButton { text: qsTr("Deliveries (%1)").arg(root.controller.deliveries.targetCount); width: implicitWidth }
                TabButton { text: qsTr("Request"); width: implicitWidth; enabled: root.controller.metaText.length > 0 }
            }
            Button {
                text: qsTr("Copy payload")
                onClicked: root.controller.copyPayload()
            }
            Button {
                text: qsTr("Save…")
                onClicked: saveDialog.open()
            }
        }

        Label {
            objectName: "truncationBanner"
            visible: root.controller.hasEvent && root.controller.truncationText.length > 0
            Layout.fillWidth: true
            text: "✂ " + root.controller.truncationText
            font.bold: true
            wrapMode: Text.Wrap
            color: root.palette.text
            background: Rectangle {
                color: root.palette.alternateBase
                border.color: root.palette.mid
            }
            padding: 4
        }

        StackLayout {
            visible: root.controller.hasEvent
            Layout.fillWidth: true
            Layout.fillHeight: true
            currentIndex: tabs.currentIndex

            TextView {
                objectName: "payloadText"
                text: root.controller.payloadText
            }
            JsonTree {
                model: root.controller.payloadTree
            }
            TextView {
                text: root.controller.envelopeText
            }
            ListView {
                id: deliveriesList
                clip: true
                model: root.controller.deliveries
                delegate: DeliveryDelegate {}
                Label {
                    anchors.centerIn: parent
                    visible: deliveriesList.count === 0
                    text: qsTr("No deliveries: the gateway has no reachable watcher or sink.")
                    color: root.palette.placeholderText
                }
            }
            TextView {
                text: root.controller.metaText
            }
        }

        Label {
            visible: root.controller.saveStatus.length > 0
            text: root.controller.saveStatus
            color: root.palette.placeholderText
        }
    }

    FileDialog {
        id: saveDialog
        title: qsTr("Save payload")
        fileMode: FileDialog.SaveFile
        onAccepted: root.controller.savePayload(selectedFile)
    }
}
