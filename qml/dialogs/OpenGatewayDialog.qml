pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Dialogs
import QtQuick.Layouts
import GatewayStudio

/** Asks for a v0.10 Gateway file and its event-source ConfigMap file, then opens them. */
Dialog {
    id: root

    title: qsTr("Open a Gateway")
    modal: true
    standardButtons: Dialog.Open | Dialog.Cancel
    width: 560

    onAccepted: Gateways.openFiles(gatewayField.text.length > 0 ? root.toUrl(gatewayField.text) : "", sourcesField.text.length > 0 ? root.toUrl(sourcesField.text) : "")

    function toUrl(path: string): url {
        return path.startsWith("file:") ? path : "file://" + path;
    }

    GridLayout {
        anchors.fill: parent
        columns: 3

        Label { text: qsTr("Gateway") }
        TextField {
            id: gatewayField
            Layout.fillWidth: true
            placeholderText: qsTr("gateway.yaml")
        }
        Button {
            text: qsTr("Browse…")
            onClicked: gatewayDialog.open()
        }
        Label { text: qsTr("Event sources") }
        TextField {
            id: sourcesField
            Layout.fillWidth: true
            placeholderText: qsTr("ConfigMap file (empty: in the Gateway's file)")
        }
        Button {
            text: qsTr("Browse…")
            onClicked: sourcesDialog.open()
        }
    }

    FileDialog {
        id: gatewayDialog
        title: qsTr("Gateway file")
        nameFilters: [qsTr("YAML files (*.yaml *.yml)"), qsTr("All files (*)")]
        onAccepted: gatewayField.text = String(selectedFile)
    }
    FileDialog {
        id: sourcesDialog
        title: qsTr("Event-source ConfigMap file")
        nameFilters: [qsTr("YAML files (*.yaml *.yml)"), qsTr("All files (*)")]
        onAccepted: sourcesField.text = String(selectedFile)
    }
}
