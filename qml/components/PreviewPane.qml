pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import GatewayStudio

/** For the event source being edited: a calendar's next 10 firings and a sample event in the chosen envelope. */
ColumnLayout {
    id: root

    spacing: 4

    Label {
        Layout.leftMargin: 4
        visible: Editor.sourceType === "calendar"
        text: qsTr("Next 10 firings")
        font.bold: true
    }
    Label {
        objectName: "firingsNote"
        Layout.fillWidth: true
        Layout.leftMargin: 4
        visible: Editor.sourceType === "calendar" && Editor.firingsNote.length > 0
        text: Editor.firingsNote
        wrapMode: Text.Wrap
        color: "#d93636"
    }
    ListView {
        objectName: "firings"
        Layout.fillWidth: true
        Layout.preferredHeight: Math.min(contentHeight, 150)
        visible: Editor.sourceType === "calendar" && Editor.nextFirings.length > 0
        clip: true
        model: Editor.nextFirings
        delegate: Label {
            required property string modelData
            leftPadding: 8
            text: modelData
            font.family: "monospace"
        }
    }
    RowLayout {
        Layout.fillWidth: true
        Layout.leftMargin: 4
        Label {
            text: qsTr("Event preview")
            font.bold: true
        }
        Item {
            Layout.fillWidth: true
        }
        ComboBox {
            objectName: "envelopeChoice"
            model: Editor.envelopes
            currentIndex: Editor.envelopeIndex
            onActivated: i => Editor.envelope = Editor.envelopes[i]
            implicitContentWidthPolicy: ComboBox.WidestText
        }
    }
    TextView {
        objectName: "envelopePreview"
        Layout.fillWidth: true
        Layout.fillHeight: true
        text: Editor.envelopePreview
    }
}
